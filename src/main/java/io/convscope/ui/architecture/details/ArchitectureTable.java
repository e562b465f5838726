package io.convscope.ui.architecture.details;

import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One row per layer, folded by block (a block row shows the block's totals and opens to its layers), sortable by every
 * column, with the network's totals under it. Selection is exposed as the row's id: a layer id or
 * {@link VisibleGraph#BLOCK_ID_PREFIX} + block name, the same ids the graph view uses.
 */
public final class ArchitectureTable extends VBox {

    /** A table row: one layer, or a block with its layers' sums. */
    public record Row(
            String id,
            String name,
            String type,
            String shape,
            long trainable,
            long nonTrainable,
            long macs,
            long other,
            long activationBytes,
            boolean block) {}

    static final double NAME_WIDTH = 156;
    static final double TYPE_WIDTH = 150;
    static final double SHAPE_WIDTH = 100;
    static final double NUMBER_WIDTH = 86;

    private final ResourceBundle text;
    private final Figures figures;
    private final TreeTableView<Row> tree = new TreeTableView<>();
    private final Label totals = new Label();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final Map<String, TreeItem<Row>> items = new HashMap<>();
    private boolean syncing;
    private ArchitectureGraph graph;
    /** setRoot clears the sort order, which must not trigger another rebuild. */
    private boolean rebuilding;

    public ArchitectureTable(ResourceBundle text) {
        this.text = text;
        this.figures = new Figures(text);
        getStyleClass().add("architecture-table");
        tree.setShowRoot(false);
        tree.setId("architecture-table");
        tree.setPlaceholder(new Label(text.getString("architecture.table.empty")));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<Row, String> name = textColumn("architecture.column.name", Row::name);
        name.setPrefWidth(NAME_WIDTH);
        tree.getColumns().add(name);
        TreeTableColumn<Row, String> type = textColumn("architecture.column.type", Row::type);
        type.setPrefWidth(TYPE_WIDTH);
        tree.getColumns().add(type);
        TreeTableColumn<Row, String> shape = textColumn("architecture.column.shape", Row::shape);
        shape.setPrefWidth(SHAPE_WIDTH); // 2048×14×14 must not be cut
        tree.getColumns().add(shape);
        tree.getColumns().add(countColumn("architecture.column.trainable", Row::trainable));
        TreeTableColumn<Row, Long> nonTrainable = countColumn("architecture.column.nonTrainable", Row::nonTrainable);
        nonTrainable.setPrefWidth(NUMBER_WIDTH + 14); // the longest title of the number columns
        tree.getColumns().add(nonTrainable);
        tree.getColumns().add(countColumn("architecture.column.macs", Row::macs));
        tree.getColumns().add(countColumn("architecture.column.other", Row::other));
        tree.getColumns().add(bytesColumn());
        tree.setTreeColumn(name);
        totals.getStyleClass().add("architecture-totals");
        totals.setId("architecture-totals");
        totals.setWrapText(true);
        totals.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(tree, totals);
        // Sorting reorders the tree in place; with no sort column left, the graph's own order comes back.
        tree.getSortOrder().addListener((ListChangeListener<TreeTableColumn<Row, ?>>) c -> {
            if (tree.getSortOrder().isEmpty() && graph != null && !rebuilding) {
                String keep = selected.get();
                show(graph);
                select(keep);
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (!syncing) {
                selected.set(item == null ? null : item.getValue().id());
            }
        });
    }

    public TreeTableView<Row> tree() {
        return tree;
    }

    public Label totals() {
        return totals;
    }

    /** The selected row's id; setting it from outside selects the row without echoing back. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public void show(ArchitectureGraph g) {
        graph = g;
        TreeItem<Row> root = new TreeItem<>();
        items.clear();
        for (ArchitectureGraph.Block b : g.foldedBlocks()) {
            if (b.folded() && b.nodes().size() > 1) {
                String id = VisibleGraph.BLOCK_ID_PREFIX + b.name();
                TreeItem<Row> block = new TreeItem<>(new Row(
                        id,
                        b.name(),
                        String.format(
                                text.getString("architecture.block.layers"),
                                b.nodes().size()),
                        b.outputShape().toString(),
                        b.trainableParams(),
                        b.params() - b.trainableParams(),
                        b.multiplyAccumulates(),
                        b.otherOperations(),
                        b.activationBytes(),
                        true));
                items.putIfAbsent(id, block);
                for (ArchitectureNode n : b.nodes()) {
                    TreeItem<Row> layer = new TreeItem<>(row(n));
                    items.put(n.id(), layer);
                    block.getChildren().add(layer);
                }
                root.getChildren().add(block);
            } else {
                for (ArchitectureNode n : b.nodes()) {
                    TreeItem<Row> layer = new TreeItem<>(row(n));
                    items.put(n.id(), layer);
                    root.getChildren().add(layer);
                }
            }
        }
        rebuilding = true;
        try {
            tree.setRoot(root);
        } finally {
            rebuilding = false;
        }
        totals.setText(String.format(
                text.getString("architecture.totals"),
                figures.count(g.trainableParams()),
                figures.count(g.nonTrainableParams()),
                figures.count(g.multiplyAccumulates()),
                figures.count(g.operations().other()),
                figures.bytes(g.activationBytes()),
                figures.bytes(g.peakActivationBytes())));
        totals.setTooltip(new Tooltip(
                String.format(text.getString("architecture.card.params"), g.trainableParams(), g.nonTrainableParams())
                        + "\n" + String.format(text.getString("architecture.card.macs"), g.multiplyAccumulates()) + "\n"
                        + figures.exactBytes(g.activationBytes()) + "\n"
                        + figures.exactBytes(g.peakActivationBytes())));
    }

    private static Row row(ArchitectureNode n) {
        // The type as the graph's boxes name it (Convolution 3×3 /2), not DL4J's class name (ConvolutionLayer).
        return new Row(
                n.id(),
                n.name(),
                NodeLabels.shortType(n),
                n.outputShape().toString(),
                n.trainableParams(),
                n.nonTrainableParams(),
                n.multiplyAccumulates(),
                n.otherOperations(),
                n.activationBytes(),
                false);
    }

    /** Selects the row of {@code id} (a layer or a block id), opening its block, and scrolls to it. */
    public void select(String id) {
        TreeItem<Row> item = id == null ? null : items.get(id);
        syncing = true;
        try {
            if (item == null) {
                tree.getSelectionModel().clearSelection();
            } else {
                if (item.getParent() != null && item.getParent() != tree.getRoot()) {
                    item.getParent().setExpanded(true);
                }
                tree.getSelectionModel().select(item);
                int index = tree.getRow(item);
                if (index >= 0) {
                    tree.scrollTo(Math.max(0, index - 3));
                }
            }
            selected.set(id);
        } finally {
            syncing = false;
        }
    }

    public TreeItem<Row> item(String id) {
        return items.get(id);
    }

    private TreeTableColumn<Row, String> textColumn(String key, Function<Row, String> value) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(text.getString(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(
                f.getValue().getValue() == null
                        ? null
                        : value.apply(f.getValue().getValue())));
        return c;
    }

    private TreeTableColumn<Row, Long> countColumn(String key, ToLongFunction<Row> value) {
        TreeTableColumn<Row, Long> c = new TreeTableColumn<>(text.getString(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(
                f.getValue().getValue() == null
                        ? null
                        : value.applyAsLong(f.getValue().getValue())));
        c.setCellFactory(numberCells(figures::count, n -> String.format("%,d", n)));
        c.setPrefWidth(NUMBER_WIDTH);
        tooltipHeader(c, key + ".tooltip");
        return c;
    }

    private TreeTableColumn<Row, Long> bytesColumn() {
        String key = "architecture.column.memory";
        TreeTableColumn<Row, Long> c = new TreeTableColumn<>(text.getString(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(
                f.getValue().getValue() == null ? null : f.getValue().getValue().activationBytes()));
        c.setCellFactory(numberCells(figures::bytes, figures::exactBytes));
        c.setPrefWidth(NUMBER_WIDTH);
        tooltipHeader(c, key + ".tooltip");
        return c;
    }

    private void tooltipHeader(TreeTableColumn<Row, ?> c, String key) {
        if (text.containsKey(key)) {
            Label header = new Label(c.getText());
            header.setTooltip(new Tooltip(text.getString(key)));
            c.setGraphic(header);
            c.setText(null);
        }
    }

    private static Callback<TreeTableColumn<Row, Long>, TreeTableCell<Row, Long>> numberCells(
            Function<Long, String> shown, Function<Long, String> exact) {
        return col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setAlignment(Pos.CENTER_RIGHT);
                if (empty || v == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(shown.apply(v));
                    setTooltip(exact == null ? null : new Tooltip(exact.apply(v)));
                }
            }
        };
    }

    /** Every row id in display order (top-level rows and the rows of open blocks), for tests. */
    public List<String> visibleRowIds() {
        ArrayList<String> ids = new ArrayList<>();
        for (int i = 0; i < tree.getExpandedItemCount(); i++) {
            ids.add(tree.getTreeItem(i).getValue().id());
        }
        return ids;
    }
}
