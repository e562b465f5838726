package io.convscope.ui.architecture;

import io.convscope.explain.graph.NodeLabels;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.architecture.details.ArchitectureTable;
import io.convscope.ui.architecture.details.Figures;
import io.convscope.ui.architecture.details.FormulaHelpPanel;
import io.convscope.ui.architecture.details.NodeCard;
import io.convscope.ui.architecture.graph.ArchitectureView;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;

import java.util.ResourceBundle;
import java.util.concurrent.Executor;

/**
 * The analyzer's parts that carry words, made in one language: the window makes them again when the main window's
 * language changes, while the graph view (its zoom, position and selection), the source chooser and the loading
 * thread stay, so nothing the student did is lost.
 */
final class ArchitectureParts {

    final ResourceBundle text;
    final NodeLabels labels;
    final ArchitectureTable table;
    final NodeCard card;
    final ArchitectureStatusBar statusBar;
    final ArchitectureExporter exporter;
    final ArchitectureLegend legend;
    final ArchitectureSearch search;
    final FormulaHelpPanel help;

    ArchitectureParts(
            ResourceBundle text,
            ArchitectureView view,
            ArchitecturePainter painter,
            Executor worker,
            boolean dark,
            Runnable closeHelp) {
        this.text = text;
        this.labels = new NodeLabels(text.getString("architecture.block.layers"));
        this.table = new ArchitectureTable(text);
        this.card = new NodeCard(text);
        this.statusBar = new ArchitectureStatusBar(text, new Figures(text));
        this.exporter = new ArchitectureExporter(text, painter, labels, dark, worker, statusBar);
        this.legend = new ArchitectureLegend(text, dark);
        this.search = new ArchitectureSearch(text, view);
        this.help = new FormulaHelpPanel(text, closeHelp);
        help.setVisible(false);
        StackPane.setAlignment(help, Pos.TOP_RIGHT);
        StackPane.setMargin(help, new Insets(12));
    }

    /** Shows {@code g} in every part that describes the whole graph (the card describes it box by box). */
    void show(ArchitectureGraph g) {
        table.show(g);
        card.graph(g);
        legend.show(g);
        statusBar.summarize(g);
    }

    void dark(boolean on) {
        legend.dark(on);
        exporter.dark(on);
    }
}
