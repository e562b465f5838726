package io.convscope.ui.architecture.details;

import io.convscope.explain.graph.CostFormulas;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The card shown while hovering a box: type, settings, input and output shapes, parameters (trainable and not), MACs,
 * other operations, activation memory and which formula counted them. Lives in an overlay, not a Tooltip, so it
 * follows the pointer without delay and never steals events.
 */
public final class NodeCard extends VBox {

    static final double MAX_WIDTH = 380;

    private final ResourceBundle text;
    private final Figures figures;
    private Map<String, ArchitectureNode> byId = Map.of();

    public NodeCard(ResourceBundle text) {
        super(2);
        this.text = text;
        this.figures = new Figures(text);
        getStyleClass().addAll("formula-panel", "architecture-card");
        setId("architecture-card");
        setMaxWidth(MAX_WIDTH);
        setMouseTransparent(true);
        setManaged(false);
        setVisible(false);
    }

    public void graph(ArchitectureGraph g) {
        Map<String, ArchitectureNode> m = new HashMap<>();
        g.nodes().forEach(n -> m.put(n.id(), n));
        byId = m;
    }

    void show(GraphLayout.Box box) {
        VisibleGraph.Node n = box.node();
        getChildren().clear();
        Label title = line(n.title());
        title.getStyleClass().add("architecture-card-title");
        getChildren().add(title);
        if (n.collapsedBlock()) {
            getChildren()
                    .add(line(String.format(
                            text.getString("architecture.card.block"),
                            n.members().size())));
        } else {
            ArchitectureNode layer = n.layer();
            getChildren()
                    .add(line(String.format(
                            text.getString("architecture.card.type"),
                            layer.rawType(),
                            text.getString("architecture.type." + layer.type().name()))));
            if (!layer.attributes().isEmpty()) {
                getChildren()
                        .add(line(String.format(
                                text.getString("architecture.card.attributes"),
                                layer.attributes().entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", ")))));
            }
            List<String> inputs = layer.inputs().stream()
                    .map(p -> {
                        ArchitectureNode from = byId.get(p.node());
                        return from == null || p.output() >= from.outputShapes().size()
                                ? "?"
                                : from.outputShapes().get(p.output()).toString();
                    })
                    .toList();
            if (!inputs.isEmpty()) {
                getChildren()
                        .add(line(
                                String.format(text.getString("architecture.card.inputs"), String.join(" + ", inputs))));
            }
        }
        getChildren().add(line(String.format(text.getString("architecture.card.output"), n.outputShape())));
        getChildren()
                .add(line(String.format(
                        text.getString("architecture.card.params"), n.trainableParams(), n.nonTrainableParams())));
        getChildren().add(line(String.format(text.getString("architecture.card.macs"), n.multiplyAccumulates())));
        getChildren().add(line(String.format(text.getString("architecture.card.other"), n.otherOperations())));
        getChildren()
                .add(line(String.format(
                        text.getString("architecture.card.memory"),
                        figures.bytes(n.activationBytes()),
                        n.activationBytes())));
        if (!n.collapsedBlock()) {
            CostFormulas.rowFor(n.layer()).ifPresent(row -> {
                String formula = String.format(
                        text.getString("architecture.card.formula.value"),
                        text.getString("architecture.help." + row + ".params"),
                        text.getString("architecture.help." + row + ".macs"),
                        text.getString("architecture.help." + row + ".other"));
                Label f = line(String.format(text.getString("architecture.card.formula"), formula));
                f.getStyleClass().add("architecture-card-formula");
                getChildren().add(f);
            });
            if (n.inPlace()) {
                getChildren().add(line(text.getString("architecture.card.inPlace")));
            }
            if (!n.block().isEmpty()) {
                getChildren().add(line(String.format(text.getString("architecture.card.blockMember"), n.block())));
            }
        }
        setVisible(true);
        applyCss();
        autosize();
    }

    private static Label line(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMaxWidth(MAX_WIDTH - 24);
        return l;
    }

    /**
     * Shows {@code box}'s card beside the pointer at {@code p} (right of it, or left where it would leave the pane),
     * kept inside a pane of {@code paneWidth} × {@code paneHeight}; hides it when {@code box} is null.
     */
    public void showBeside(GraphLayout.Box box, double[] p, double paneWidth, double paneHeight) {
        if (box == null) {
            setVisible(false);
            return;
        }
        show(box);
        double w = prefWidth(-1);
        double h = prefHeight(w);
        double x = p[0] + 16 + w > paneWidth ? p[0] - 16 - w : p[0] + 16;
        double y = Math.max(4, Math.min(p[1] + 16, paneHeight - h - 4));
        resizeRelocate(Math.max(4, x), y, w, h);
    }
}
