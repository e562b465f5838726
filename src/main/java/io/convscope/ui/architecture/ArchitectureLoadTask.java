package io.convscope.ui.architecture;

import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.ArchitectureSourceChooser.Source;
import io.convscope.ui.architecture.ArchitectureWindow.Loaded;
import io.convscope.ui.architecture.paint.MeasuredBoxWidths;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.ResourceBundle;
import java.util.concurrent.FutureTask;
import java.util.function.ToDoubleFunction;

/**
 * Builds a source's graph and lays it out with every block expanded, off the JavaFX thread, saying which of the two
 * phases it is in; null when cancelled between them.
 */
final class ArchitectureLoadTask extends Task<Loaded> {

    private final ResourceBundle text;
    private final Source source;
    private final MeasuredBoxWidths boxWidths;

    ArchitectureLoadTask(ResourceBundle text, Source source, MeasuredBoxWidths boxWidths) {
        this.text = text;
        this.source = source;
        this.boxWidths = boxWidths;
    }

    @Override
    protected Loaded call() throws Exception {
        updateMessage(String.format(text.getString("architecture.loading"), source.label(text)));
        updateProgress(0, 2);
        ArchitectureGraph g = source.build();
        if (isCancelled()) {
            return null;
        }
        updateMessage(String.format(
                text.getString("architecture.loading.layout"), g.nodes().size()));
        updateProgress(1, 2);
        VisibleGraph v = VisibleGraph.expanded(g);
        // Text is measured on the JavaFX thread (see MeasuredBoxWidths); the layout itself stays here.
        FutureTask<ToDoubleFunction<VisibleGraph.Node>> measured = new FutureTask<>(() -> boxWidths.of(v));
        Platform.runLater(measured);
        GraphLayout layout = LayeredLayout.of(v, measured.get(), LayoutMetrics.DEFAULT);
        updateProgress(2, 2);
        return new Loaded(g, v, layout);
    }
}
