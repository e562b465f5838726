package io.convscope.ui.architecture;

import atlantafx.base.theme.PrimerLight;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.PointerEvents;
import io.convscope.ui.architecture.graph.ArchitectureView;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import javafx.application.Application;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * An architecture view on a stage of its own, for the headless frame benchmark: {@link #pan} moves the view and
 * redraws it, and returns how long recording the frame took; {@link #panAndRender} also rasterises it (a snapshot
 * of the view, which the software pipeline renders like a pulse would). {@link #selectAndRender} and
 * {@link #hoverAndRender} time a highlight change the same way. Create and call it on the JavaFX thread.
 */
public final class ArchitectureBenchmarkHarness {

    private final ArchitectureView view;
    private final SnapshotParameters params = new SnapshotParameters();

    public ArchitectureBenchmarkHarness(ArchitectureGraph graph, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
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

    /** Milliseconds to select the {@code i}-th box on screen (cycling), record and rasterise the frame. */
    public double selectAndRender(int i) {
        String id = onScreen(i);
        long t0 = System.nanoTime();
        view.selectedProperty().set(id);
        view.snapshot(params, null);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Milliseconds to move the pointer onto the {@code i}-th box on screen (cycling), record and rasterise. */
    public double hoverAndRender(int i) {
        double[] p = view.screenPosition(onScreen(i));
        MouseEvent move = PointerEvents.moved(p[0], p[1], p[0], p[1]);
        long t0 = System.nanoTime();
        Event.fireEvent(view, move);
        view.snapshot(params, null);
        return (System.nanoTime() - t0) / 1e6;
    }

    private String onScreen(int i) {
        List<String> ids = new ArrayList<>();
        for (GraphLayout.Box b : view.layoutShown().nodes()) {
            double[] p = view.screenPosition(b.node().id());
            if (p[0] > 0 && p[0] < view.getWidth() && p[1] > 0 && p[1] < view.getHeight()) {
                ids.add(b.node().id());
            }
        }
        return ids.get(i % ids.size());
    }

    /** Frames the view drew directly rather than from its tiles, so far. */
    public long directFrames() {
        return view.directFrames();
    }

    /** Tiles the view painted so far. */
    public long tilesPainted() {
        return view.tilesPainted();
    }
}
