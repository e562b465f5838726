package io.convscope.ui.train;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Number fields of the Train workspace: spinners that accept typed numbers, keep the last good value when a typed
 * one is not a number or out of range (the field shows the value kept), and report each new value once.
 */
final class Fields {

    private Fields() {}

    static Spinner<Integer> whole(int min, int max, int value, int step, Consumer<Integer> changed) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value, step);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    int v = Integer.parseInt(text.trim());
                    return v < min || v > max ? f.getValue() : v;
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        s.setValueFactory(f);
        prepare(s);
        s.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(was)) {
                changed.accept(now);
            }
        });
        return s;
    }

    static Spinner<Double> decimal(double min, double max, double value, double step, Consumer<Double> changed) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value, step);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(?=e|$)", "");
            }

            @Override
            public Double fromString(String text) {
                try {
                    double v = Double.parseDouble(text.trim());
                    return !(v >= min && v <= max) ? f.getValue() : v;
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        s.setValueFactory(f);
        prepare(s);
        s.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(was)) {
                changed.accept(now);
            }
        });
        return s;
    }

    /** Editable, committing a typed value when the field loses focus too (not only on Enter). */
    private static <T> void prepare(Spinner<T> s) {
        s.setEditable(true);
        s.setPrefWidth(96);
        s.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                s.commitValue();
                s.getEditor().setText(s.getValueFactory().getConverter().toString(s.getValue()));
            }
        });
    }

    /** Shows {@code value} (its listeners hear it like a typed one; a pane guards against its own echo). */
    static <T> void set(Spinner<T> s, T value) {
        s.getValueFactory().setValue(value);
    }
}
