package io.convscope.ui;

import atlantafx.base.theme.Styles;
import io.convscope.explain.RangeMode;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

import java.util.Locale;
import java.util.ResourceBundle;

/** One line beside the colour-scale menu saying what the chosen scale means (the names alone say little). */
final class RangeModeCaption extends Label {

    RangeModeCaption(ResourceBundle text, ComboBox<RangeMode> mode) {
        setId("range-caption");
        getStyleClass().add(Styles.TEXT_MUTED);
        Runnable update = () -> setText(
                mode.getValue() == null
                        ? ""
                        : text.getString(
                                "range.explain." + mode.getValue().name().toLowerCase(Locale.ROOT)));
        mode.valueProperty().addListener(o -> update.run());
        update.run();
    }
}
