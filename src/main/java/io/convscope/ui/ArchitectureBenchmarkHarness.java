package io.convscope.ui;

import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.stage.Stage;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * An architecture view on a stage of its own, for the headless frame benchmark: {@link #pan} moves the view and
 * redraws it, and returns how long recording the frame took; {@link #panAndRender} also rasterises it (a snapshot
 * of the view, which the software pipeline renders like a pulse would). Create and call it on the JavaFX thread.
 */
public final class ArchitectureBenchmarkHarness {

    private final ArchitectureView view;
    private final SnapshotParameters params = new SnapshotParameters();

    public ArchitectureBenchmarkHarness(ArchitectureGraph graph, double width, double height) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        ResourceBundle text = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
        NodeLabels labels = new NodeLabels(text.getString("architecture.block.layers"));
        view = new ArchitectureView(new ArchitecturePainter(labels), false);
        Scene scene = new Scene(view, width, height);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        VisibleGraph v = VisibleGraph.expanded(graph);
        view.show(LayeredLayout.of(v, labels, LayoutMetrics.DEFAULT), null, null);
        view.applyCss();
        view.layout();
        view.fitTop();
        view.zoomAt(1 / view.scale(), 0, 0); // 100 %: every label drawn, the costliest frames
    }

    /** Milliseconds to pan by (dx, dy) and record the redraw. */
    public double pan(double dx, double dy) {
        long t0 = System.nanoTime();
        view.panBy(dx, dy);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Milliseconds to pan, record and rasterise the frame. */
    public double panAndRender(double dx, double dy) {
        long t0 = System.nanoTime();
        view.panBy(dx, dy);
        view.snapshot(params, null);
        return (System.nanoTime() - t0) / 1e6;
    }
}
