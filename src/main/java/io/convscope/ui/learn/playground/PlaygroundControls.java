package io.convscope.ui.learn.playground;

import io.convscope.explain.article.HyperparameterPlayground;
import io.convscope.ui.common.Motion;
import javafx.animation.PauseTransition;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

import java.util.ResourceBundle;
import java.util.function.BiConsumer;

/**
 * The playground's four settings (input size, padding, kernel size, stride), each a number field and a slider kept
 * inside CNN Explainer's constraints: the model clamps a change and settles the others, and a setting it moved is
 * marked briefly.
 */
final class PlaygroundControls extends GridPane {

    private static final String[] KEYS = {
        "playground.input", "playground.padding", "playground.kernel", "playground.stride"
    };

    private final Spinner<Integer>[] fields;
    private final Slider[] sliders;
    private final Label[] labels;
    private boolean syncing;

    /** {@code change} receives (control 0..3, value) when the student moves a field or slider. */
    @SuppressWarnings("unchecked")
    PlaygroundControls(ResourceBundle text, BiConsumer<Integer, Integer> change) {
        fields = new Spinner[KEYS.length];
        sliders = new Slider[KEYS.length];
        labels = new Label[KEYS.length];
        setHgap(10);
        setVgap(6);
        ColumnConstraints labelColumn = new ColumnConstraints();
        labelColumn.setHalignment(HPos.RIGHT);
        labelColumn.setMinWidth(105);
        ColumnConstraints sliderColumn = new ColumnConstraints();
        sliderColumn.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labelColumn, new ColumnConstraints(), sliderColumn);
        for (int i = 0; i < KEYS.length; i++) {
            int control = i;
            labels[i] = new Label(text.getString(KEYS[i]));
            labels[i].getStyleClass().add("playground-label");
            Tooltip tip = new Tooltip(text.getString(KEYS[i] + ".tooltip"));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            fields[i] = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 99, 0));
            fields[i].setEditable(true);
            fields[i].setPrefWidth(78);
            fields[i].setId(KEYS[i].replace('.', '-') + "-field");
            fields[i].setTooltip(tip);
            fields[i].valueProperty().addListener((o, was, now) -> {
                if (!syncing && now != null) {
                    change.accept(control, now);
                }
            });
            sliders[i] = new Slider();
            sliders[i].setMajorTickUnit(1);
            sliders[i].setMinorTickCount(0);
            sliders[i].setSnapToTicks(true);
            sliders[i].setShowTickMarks(true);
            sliders[i].setId(KEYS[i].replace('.', '-') + "-slider");
            sliders[i].setMinWidth(60);
            sliders[i].setPrefWidth(200);
            sliders[i].setTooltip(new Tooltip(text.getString(KEYS[i] + ".tooltip")));
            sliders[i].valueProperty().addListener((o, was, now) -> {
                if (!syncing) {
                    change.accept(control, (int) Math.round(now.doubleValue()));
                }
            });
            labels[i].setLabelFor(fields[i]);
            addRow(i, labels[i], fields[i], sliders[i]);
        }
    }

    /**
     * Shows {@code next}'s values and limits without reporting them as changes; marks the settings that differ from
     * {@code before}, except {@code changed} (the one the student moved, -1: none).
     */
    void show(HyperparameterPlayground before, HyperparameterPlayground next, int changed) {
        int[] was = values(before);
        int[] after = values(next);
        int[][] limits = {
            {next.inputMin(), next.inputMax()},
            {0, next.paddingMax()},
            {next.kernelMin(), next.kernelMax()},
            {1, next.strideMax()}
        };
        syncing = true;
        try {
            for (int i = 0; i < fields.length; i++) {
                var factory = (SpinnerValueFactory.IntegerSpinnerValueFactory) fields[i].getValueFactory();
                factory.setMin(limits[i][0]);
                factory.setMax(limits[i][1]);
                factory.setValue(after[i]);
                // A slider needs a range to slide over; a fixed value shows as a disabled slider.
                sliders[i].setMin(limits[i][0]);
                sliders[i].setMax(Math.max(limits[i][1], limits[i][0] + 1));
                sliders[i].setDisable(limits[i][0] == limits[i][1]);
                sliders[i].setValue(after[i]);
                if (changed >= 0 && i != changed && was[i] != after[i]) {
                    mark(labels[i]);
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static int[] values(HyperparameterPlayground p) {
        return new int[] {p.input(), p.padding(), p.kernel(), p.stride()};
    }

    private static void mark(Label label) {
        label.getStyleClass().add("playground-adjusted");
        PauseTransition t = new PauseTransition(Duration.millis(Motion.ADJUSTED_MARK_MS));
        t.setOnFinished(e -> label.getStyleClass().remove("playground-adjusted"));
        t.play();
    }

    Label label(int control) {
        return labels[control];
    }

    Spinner<Integer> field(int control) {
        return fields[control];
    }

    Slider slider(int control) {
        return sliders[control];
    }
}
