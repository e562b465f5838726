package io.convscope.ui.architecture;

import io.convscope.explain.graph.NodeColors;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.NodeType;
import io.convscope.ui.common.Palette;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.EnumSet;
import java.util.ResourceBundle;

/** The key under the architecture graph: a swatch for each node type the graph has, in-place layers and blocks. */
final class ArchitectureLegend extends FlowPane {

    private final ResourceBundle text;
    private boolean dark;
    private ArchitectureGraph shown;

    ArchitectureLegend(ResourceBundle text, boolean dark) {
        super(12, 4);
        this.text = text;
        this.dark = dark;
        getStyleClass().add("architecture-legend");
        setId("architecture-legend");
    }

    /** Lists what {@code g} contains, nothing more, so the key stays short. */
    void show(ArchitectureGraph g) {
        shown = g;
        getChildren().clear();
        Label title = new Label(text.getString("architecture.legend.title"));
        title.getStyleClass().add("architecture-legend-title");
        getChildren().add(title);
        EnumSet<NodeType> present = EnumSet.noneOf(NodeType.class);
        g.nodes().forEach(n -> present.add(n.type()));
        for (NodeType t : present) {
            Rectangle swatch = new Rectangle(14, 10);
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            swatch.setFill(Palette.fx(NodeColors.fill(t, false, dark)));
            swatch.setStroke(Palette.fx(NodeColors.stroke(t, false)));
            item(new Label(text.getString("architecture.type." + t.name()), swatch));
        }
        if (g.nodes().stream().anyMatch(n -> n.inPlace())) {
            Rectangle dashed = new Rectangle(14, 10);
            dashed.setFill(Color.TRANSPARENT);
            dashed.setStroke(Palette.fx(NodeColors.edge(dark)));
            dashed.getStrokeDashArray().addAll(3.0, 2.0);
            item(new Label(text.getString("architecture.legend.inPlace"), dashed));
        }
        if (!VisibleGraph.collapsibleBlocks(g).isEmpty()) {
            item(new Label(text.getString("architecture.legend.block"), new FontIcon(Material2AL.LAYERS)));
        }
    }

    /** The theme changed: the swatches take its colours. */
    void dark(boolean on) {
        dark = on;
        if (shown != null) {
            show(shown);
        }
    }

    private void item(Label l) {
        l.getStyleClass().add("architecture-legend-item");
        getChildren().add(l);
    }
}
