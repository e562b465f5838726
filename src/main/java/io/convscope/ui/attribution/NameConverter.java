package io.convscope.ui.attribution;

import javafx.util.StringConverter;

import java.util.function.Function;

/** A combo box's item shown by its name in the student's language; never parsed back (the boxes are not editable). */
final class NameConverter<T> extends StringConverter<T> {

    private final Function<T, String> name;

    NameConverter(Function<T, String> name) {
        this.name = name;
    }

    @Override
    public String toString(T item) {
        return item == null ? "" : name.apply(item);
    }

    @Override
    public T fromString(String string) {
        throw new UnsupportedOperationException("not editable");
    }
}
