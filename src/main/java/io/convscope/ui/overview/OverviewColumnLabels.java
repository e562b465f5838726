package io.convscope.ui.overview;

import io.convscope.explain.article.Article;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.ui.workspace.LearnRequest;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.IntPredicate;

/**
 * The overview's column names (clicking one opens the article's section about that kind of layer), the dimensions
 * under them, and the red/green/blue names under an RGB input. In a narrow window the names alternate between two
 * rows, shortened with an ellipsis or left out when even that does not fit, and the dimensions move into tooltips.
 */
final class OverviewColumnLabels {

    /** Space kept between two column names in one row. */
    static final double LABEL_GAP = 8;
    /** The narrowest a shortened column name gets (an ellipsis and a few letters); narrower, it is left out. */
    static final double MIN_LABEL_WIDTH = 36;

    private final ResourceBundle text;
    private final List<Label> names = new ArrayList<>();
    private final List<Label> dimensions = new ArrayList<>();
    private final List<Label> channels = new ArrayList<>();
    private List<OverviewColumn> columns = List.of();
    /** Column names with no room in either label row (very narrow columns): not drawn. */
    private boolean[] nameLeftOut = new boolean[0];
    /** Whether the dimensions under the names are shown (details on, and room for them). */
    private boolean dimensionsShown = true;

    private boolean details = true;

    OverviewColumnLabels(ResourceBundle text) {
        this.text = text;
    }

    /** The name label above a column. */
    Label name(int column) {
        return names.get(column);
    }

    /** Makes the labels of a new network's columns and adds them to {@code content}. */
    void build(List<OverviewColumn> columns, Group content) {
        this.columns = columns;
        names.clear();
        dimensions.clear();
        channels.clear();
        nameLeftOut = new boolean[0];
        for (OverviewColumn col : columns) {
            Label label = new Label();
            label.getStyleClass().add("layer-label");
            // A layer's name opens the article's section about that kind of layer.
            String section = Article.sectionFor(col.layer().kind());
            label.setOnMouseClicked(e -> {
                label.fireEvent(new LearnRequest(section));
                e.consume();
            });
            Label dims = new Label();
            dims.getStyleClass().add("layer-dimensions");
            names.add(label);
            dimensions.add(dims);
            content.getChildren().addAll(label, dims);
        }
        if (!columns.isEmpty()
                && columns.get(0).kind() == OverviewColumn.Kind.INPUT
                && columns.get(0).neurons() == 3) {
            for (String key : List.of("channel.red", "channel.green", "channel.blue")) {
                Label l = new Label(text.getString(key));
                l.getStyleClass().addAll("channel-label", key.replace('.', '-'));
                channels.add(l);
                content.getChildren().add(l);
            }
        }
        setDetails(details);
    }

    /** Details on: the layers' own names and dimensions; off: CNN Explainer's generic names. */
    void setDetails(boolean on) {
        details = on;
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            names.get(c).setText(on ? col.layer().name() : col.genericName());
            dimensions.get(c).setText(col.isMap() ? col.layer().outputShape().toString() : "(" + col.neurons() + ")");
        }
    }

    /**
     * Names above the columns, dimensions below them. When neighbouring names would overlap (narrow windows), names
     * alternate between two rows and the dimensions move into tooltips.
     */
    void place(OverviewLayout layout, IntPredicate columnVisible) {
        double[] widths = new double[columns.size()];
        boolean collide = false;
        nameLeftOut = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            names.get(c).setMaxWidth(Double.MAX_VALUE);
            names.get(c).autosize();
            dimensions.get(c).autosize();
            widths[c] = Math.max(
                    names.get(c).prefWidth(-1), details ? dimensions.get(c).prefWidth(-1) : 0);
            if (c > 0
                    && layout.columnCenterX(c) - widths[c] / 2 < layout.columnCenterX(c - 1) + widths[c - 1] / 2 + 2) {
                collide = true;
            }
        }
        double[] rowEnd = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        String learnTip = text.getString("learn.label.tooltip");
        for (int c = 0; c < columns.size(); c++) {
            Label name = names.get(c);
            Label dims = dimensions.get(c);
            double x = layout.columnCenterX(c);
            if (!collide) {
                centre(name, x, 2);
                centre(dims, x, 17);
                setTip(name, learnTip);
                continue;
            }
            double w = name.prefWidth(-1);
            int row = x - w / 2 >= rowEnd[0] + LABEL_GAP ? 0 : x - w / 2 >= rowEnd[1] + LABEL_GAP ? 1 : -1;
            boolean cut = row < 0;
            if (cut) {
                // Fits in neither row: shortened with an ellipsis in the row with more room, whole in its tooltip;
                // left out when not even that fits (hovering the column's neurons still names it).
                row = rowEnd[0] <= rowEnd[1] ? 0 : 1;
                w = 2 * (x - rowEnd[row] - LABEL_GAP);
                nameLeftOut[c] = w < MIN_LABEL_WIDTH;
                w = Math.max(0, w);
            }
            rowEnd[row] = Math.max(rowEnd[row], x + w / 2);
            // The content group sizes its children to their bounded preferred width on every layout pass.
            name.setMaxWidth(w);
            name.resizeRelocate(x - w / 2, 2 + row * 15, w, name.prefHeight(-1));
            String tip = (cut ? name.getText() + "\n" : "") + (details ? dims.getText() + "\n" : "") + learnTip;
            setTip(name, tip);
        }
        dimensionsShown = details && !collide;
        showVisible(columnVisible);
        double size = layout.neuronSize();
        for (int i = 0; i < channels.size(); i++) {
            Label l = channels.get(i);
            OverviewLayout.Box b = layout.box(0, i, layout.shown(0));
            l.autosize();
            l.relocate(b.x() + (size - l.prefWidth(-1)) / 2, b.y() + size + 1);
        }
    }

    /** Labels of columns scrolled far out of view are not drawn (hundreds in a wide network). */
    void showVisible(IntPredicate columnVisible) {
        for (int c = 0; c < columns.size(); c++) {
            boolean visible = columnVisible.test(c);
            names.get(c).setVisible(visible && !(c < nameLeftOut.length && nameLeftOut[c]));
            dimensions.get(c).setVisible(visible && dimensionsShown);
        }
    }

    /** Reuses the label's tooltip: a layout pass places hundreds of labels. */
    private static void setTip(Label label, String tip) {
        if (label.getTooltip() == null) {
            label.setTooltip(new Tooltip(tip));
        } else if (!tip.equals(label.getTooltip().getText())) {
            label.getTooltip().setText(tip);
        }
    }

    private static void centre(Label label, double x, double y) {
        label.autosize();
        double w = label.prefWidth(-1);
        label.resizeRelocate(x - w / 2, y, w, label.prefHeight(-1));
    }
}
