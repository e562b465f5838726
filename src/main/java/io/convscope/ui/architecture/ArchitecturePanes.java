package io.convscope.ui.architecture;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * The analyzer window's arrangement: the tool bar on top, the graph (with the card, the formula panel and the
 * loading box over it, the legend under it) beside the table, the status line at the bottom. The parts that carry
 * words are placed again after a change of language; the panes, and so the divider, stay.
 */
final class ArchitecturePanes {

    private final StackPane graph = new StackPane();
    private final BorderPane graphSide = new BorderPane(graph);
    private final SplitPane split = new SplitPane(graphSide, new StackPane());
    private final BorderPane root = new BorderPane(split);

    ArchitecturePanes() {
        graph.setMinSize(0, 0);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(graph.widthProperty());
        clip.heightProperty().bind(graph.heightProperty());
        graph.setClip(clip);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(ArchitectureWindow.GRAPH_SHARE);
        root.getStyleClass().add(ArchitectureWindow.STYLE_CLASS);
    }

    BorderPane root() {
        return root;
    }

    /** The pane the graph is drawn in, whose size the hover card keeps inside. */
    StackPane graph() {
        return graph;
    }

    void place(ArchitectureParts parts, Node view, Node loadingBox, ToolBar toolbar) {
        graph.getChildren().setAll(view, parts.card, parts.help, loadingBox);
        graphSide.setBottom(parts.legend); // under the graph, never over a box
        double[] dividers = split.getDividerPositions();
        split.getItems().set(1, parts.table);
        split.setDividerPositions(dividers);
        root.setTop(toolbar);
        root.setBottom(parts.statusBar);
    }
}
