package io.convscope.ui.overview;

import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.Motion;
import io.convscope.ui.common.Palette;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The overview's class column: a row per class with its name, probability bar and value, the top class in the accent
 * colour. With more classes than rows (ImageNet's 1,000) the rows show the most probable ones, re-ranked for every
 * image, under a note saying so. A network whose output is a map (U-Net, YOLO) has no rows: its last column is a map.
 */
final class OverviewOutputColumn {

    private final ResourceBundle text;
    private final Palette palette;
    private final List<OutputRow> rows = new ArrayList<>();
    /** "The 10 most probable of 1,000 classes", above the output column when it does not show them all. */
    private final Label topNote = new Label();
    /** Whether this network's column shows the note (it does not show all classes). */
    private boolean noted;

    private NetworkDescription network;
    private Timeline barAnimation;

    OverviewOutputColumn(ResourceBundle text, Palette palette) {
        this.text = text;
        this.palette = palette;
    }

    /** Makes the rows of a new network's output column (none for a map output) and adds them to {@code content}. */
    void build(NetworkDescription network, List<OverviewColumn> columns, ShownNeurons shown, Group content) {
        this.network = network;
        rows.clear();
        noted = false;
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            if (col.isMap()) {
                continue;
            }
            for (int i = 0; i < shown.shown(c); i++) {
                OutputRow row =
                        new OutputRow(ClassNames.display(text, network.classes().get(i)));
                rows.add(row);
                content.getChildren().addAll(row.name, row.bar, row.value);
            }
            if (shown.shown(c) < col.neurons()) {
                topNote.setText(String.format(
                        text.getString("overview.topClasses"),
                        shown.shown(c),
                        String.format(Locale.getDefault(), "%,d", col.neurons())));
                topNote.getStyleClass().setAll("label", "top-classes-note");
                topNote.setId("top-classes-note");
                topNote.setWrapText(true);
                content.getChildren().add(topNote);
                noted = true;
            }
        }
    }

    /** Places the rows of output column {@code column} and the note above them. */
    void layout(OverviewLayout layout, int column, ShownNeurons shown, ActivationSnapshot snapshot) {
        double size = layout.neuronSize();
        double x = layout.columnX(column);
        for (int i = 0; i < rows.size(); i++) {
            OverviewLayout.Box b = layout.box(column, i, rows.size());
            OutputRow row = rows.get(i);
            row.name.autosize();
            row.name.relocate(x, b.centerY() - size / 2 + Math.max(0, size / 2 - 16));
            row.bar.setX(x);
            row.bar.setY(b.centerY() + 2);
            row.bar.setHeight(Math.max(4, Math.min(10, size / 4)));
            row.value.autosize();
            row.value.relocate(x + OverviewLayout.OUTPUT_WIDTH - 46, b.centerY() - 4);
        }
        if (!rows.isEmpty() && noted) {
            // Above the first row: below the last one the colour legends begin.
            OverviewLayout.Box firstRow = layout.box(column, 0, rows.size());
            double h = topNote.prefHeight(OverviewLayout.OUTPUT_WIDTH);
            topNote.setMaxWidth(OverviewLayout.OUTPUT_WIDTH);
            topNote.resizeRelocate(
                    x, Math.max(OverviewLayout.LABEL_SPACE, firstRow.y() - h - 4), OverviewLayout.OUTPUT_WIDTH, h);
        }
        render(snapshot, shown, false);
    }

    /** Shows a snapshot's probabilities: the bars grow to them when {@code animate}, else are set at once. */
    void render(ActivationSnapshot snapshot, ShownNeurons shown, boolean animate) {
        if (snapshot == null || rows.isEmpty()) {
            return;
        }
        if (shown.outputRanked()) {
            // Many classes: the rows show the most probable ones, best first, re-ranked for every image.
            shown.rankOutput(snapshot.ranking());
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i)
                        .name
                        .setText(ClassNames.display(text, network.classes().get(shown.outputClass(i))));
            }
        }
        float maxP = 0;
        for (int i = 0; i < rows.size(); i++) {
            maxP = Math.max(maxP, snapshot.probability(shown.outputClass(i)));
        }
        int top = snapshot.topClass();
        double barMax = OverviewLayout.OUTPUT_WIDTH - 52;
        List<KeyValue> targets = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutputRow row = rows.get(i);
            double p = snapshot.probability(shown.outputClass(i));
            row.value.setText(String.format(Locale.ROOT, "%.4f", p));
            boolean isTop = shown.outputClass(i) == top;
            row.setTop(isTop);
            row.bar.setFill(isTop ? palette.accent() : palette.bar());
            row.name.setTextFill(isTop ? palette.accent() : palette.text());
            double w = maxP <= 0 ? 0 : p / maxP * barMax;
            if (animate) {
                targets.add(new KeyValue(row.bar.widthProperty(), w, Motion.EASE));
            } else {
                row.bar.setWidth(w);
            }
        }
        if (animate) {
            if (barAnimation != null) {
                barAnimation.stop();
            }
            barAnimation =
                    new Timeline(new KeyFrame(Duration.millis(Motion.OUTPUT_BAR_MS), targets.toArray(KeyValue[]::new)));
            barAnimation.setDelay(Duration.millis(Motion.OUTPUT_BAR_DELAY_MS));
            barAnimation.play();
        }
    }

    /** Whether the output bars are still moving (or waiting to), so tests wait for the animation, not for time. */
    boolean barsMoving() {
        return barAnimation != null && barAnimation.getStatus() == Animation.Status.RUNNING;
    }
}
