package io.convscope.ui.architecture.paint;

import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import javafx.application.Platform;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Box widths for the analyzer's graph measured in the fonts the painter draws with, so a name such as
 * {@code pool1/norm1} fits its box (on screen and in the PNG export) instead of ending in "…". The layout's own
 * estimate (a fixed width per character) is for exports without fonts; bold 12 px text is wider than it guesses.
 * <p>
 * Measures on the JavaFX thread only: JavaFX's text layout (Pango's glyph layout here) shares caches that are not
 * thread-safe, and a measurement on another thread while the window lays out text broke them (a concurrent
 * modification, or a native crash). A loading thread asks for {@link #of(VisibleGraph)} there.
 */
public final class MeasuredBoxWidths implements ToDoubleFunction<VisibleGraph.Node> {

    /** Widest box: a longer name is still ellipsized (and shown whole in the table and the card). */
    static final double MAX_WIDTH = 340;

    private NodeLabels labels;
    private final LayoutMetrics metrics;
    private final Text measure = new Text();

    public MeasuredBoxWidths(NodeLabels labels, LayoutMetrics metrics) {
        this.labels = labels;
        this.metrics = metrics;
    }

    /** Measures the lines {@code labels} gives from now on (another language). */
    public void labels(NodeLabels labels) {
        this.labels = labels;
    }

    /** Every node's width, measured now (on the JavaFX thread), for a layout made on another thread. */
    public ToDoubleFunction<VisibleGraph.Node> of(VisibleGraph graph) {
        Map<String, Double> widths = new HashMap<>();
        for (VisibleGraph.Node n : graph.nodes()) {
            widths.put(n.id(), applyAsDouble(n));
        }
        return n -> widths.get(n.id());
    }

    @Override
    public double applyAsDouble(VisibleGraph.Node n) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("box widths are measured on the JavaFX thread only (see of(VisibleGraph))");
        }
        double text = Math.max(
                width(ArchitecturePainter.TITLE, labels.title(n)),
                width(ArchitecturePainter.SUBTITLE, labels.subtitle(n)));
        double needed = Math.ceil(text) + ArchitecturePainter.TEXT_PADDING * 2 + 2;
        return Math.max(metrics.nodeWidth(labels.title(n), labels.subtitle(n)), Math.min(MAX_WIDTH, needed));
    }

    private double width(Font font, String s) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
