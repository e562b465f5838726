package io.convscope.ui;

import io.convscope.explain.ColorRanges;
import io.convscope.explain.OverviewColumn;
import io.convscope.explain.RangeMode;
import io.convscope.explain.OverviewLayout;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The overview: every neuron of every map layer as a heatmap, in columns from the input channels to the output
 * classes, joined by curved edges. Hovering a neuron highlights where its value comes from; arrow keys move a focus
 * ring. Only the neurons on screen are rendered: a column with more channels than fit scrolls.
 */
final class OverviewPane extends Region {

    /** A neuron: a column index (into {@link OverviewColumn#of}) and a neuron index within it. */
    record Neuron(int column, int index) {
    }

    /** The visible width assumed before the scroll pane reports one. */
    static final double FALLBACK_VIEW_WIDTH = 1920;
    /** Space kept between two column names in one row. */
    static final double LABEL_GAP = 8;
    /** The narrowest a shortened column name gets (an ellipsis and a few letters); narrower, it is left out. */
    static final double MIN_LABEL_WIDTH = 36;

    private final ResourceBundle text;
    private final Canvas edges = new Canvas();
    private final Group content = new Group();
    private final Canvas legends = new Canvas();
    private final Rectangle focusRing = new Rectangle();
    private final List<List<HeatmapView>> heatmaps = new ArrayList<>();
    private final List<Label> columnLabels = new ArrayList<>();
    /** Column names with no room in either label row (very narrow columns): not drawn. */
    private boolean[] nameLeftOut = new boolean[0];
    private final List<Label> dimensionLabels = new ArrayList<>();
    private final List<Label> channelLabels = new ArrayList<>();
    private final List<OutputRow> outputRows = new ArrayList<>();
    /** Class shown in each output row: the class order itself, or the most probable first when there are many. */
    private int[] outputClass = new int[0];
    /** "The 10 most probable of 1,000 classes", under the output column when it does not show them all. */
    private final Label topNote = new Label();
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Neuron> hovered = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Neuron> focused = new SimpleObjectProperty<>();
    private final Palette palette;

    private NetworkDescription network;
    private List<OverviewColumn> columns = List.of();
    private OverviewLayout layout;
    private int[] firstNeuron = new int[0];
    private ActivationSnapshot snapshot;
    private ColorRanges colorRanges;
    private RangeMode mode = RangeMode.UNIT;
    private double[] ranges = new double[0];
    private boolean details = true;
    private Edge hoveredEdge;
    /** The part of this pane the scroll pane shows (width 0: all of it, before the first scroll-pane layout). */
    private double viewX;
    private double viewWidth;
    /** What each column's heatmaps were last rendered from: snapshot, range and first neuron; null when hidden. */
    private Object[] rendered = new Object[0];
    /** Whether the dimensions under the names are shown (details on, and room for them). */
    private boolean dimensionsShown = true;
    private java.util.function.BiConsumer<Integer, Integer> onChosen = (layer, neuron) -> { };
    /** Asked to scroll so that an x of this pane is in view (the main window's scroll pane does it). */
    private java.util.function.DoubleConsumer onReveal = x -> { };
    private Timeline barAnimation;

    OverviewPane(ResourceBundle text, Palette palette) {
        this.text = text;
        this.palette = palette;
        getStyleClass().add("overview");
        setFocusTraversable(true);
        focusRing.setFill(Color.TRANSPARENT);
        focusRing.getStyleClass().add("focus-ring");
        focusRing.setStrokeWidth(2.5);
        focusRing.setVisible(false);
        focusRing.setMouseTransparent(true);
        getChildren().addAll(edges, legends, content, focusRing);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMouseMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null, null));
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            Neuron n = hovered.get();
            if (n != null && hoveredEdge == null && e.isStillSincePress()) {
                choose(n);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        focused.addListener((o, a, b) -> placeFocusRing());
    }

    /** Called with (network layer index, neuron) when a neuron is clicked or Enter is pressed on the focused one. */
    void setOnNeuronChosen(java.util.function.BiConsumer<Integer, Integer> handler) {
        onChosen = handler;
    }

    void setOnReveal(java.util.function.DoubleConsumer handler) {
        onReveal = handler;
    }

    /** Scrolls a wide network sideways so that column {@code c} is in view, and renders it. */
    void revealColumn(int c) {
        if (layout != null) {
            onReveal.accept(layout.columnCenterX(c));
        }
    }

    private void choose(Neuron n) {
        onChosen.accept(columns.get(n.column()).layerIndex(), n.index());
    }

    ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Neuron> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    ObjectProperty<Neuron> focusedNeuronProperty() {
        return focused;
    }

    /** The name label above a column (clicking it opens the article). */
    Label columnLabel(int column) {
        return columnLabels.get(column);
    }

    /** Big networks keep readable neurons: the main window scrolls sideways rather than shrink them to specks. */
    @Override
    protected double computeMinWidth(double height) {
        return OverviewLayout.minimumWidth(columns);
    }

    @Override
    protected double computePrefWidth(double height) {
        return computeMinWidth(height);
    }

    List<OverviewColumn> columns() {
        return columns;
    }

    /** The heatmap drawn for a neuron, or null when it is scrolled out of view. */
    HeatmapView heatmap(int column, int neuron) {
        int slot = neuron - firstNeuron[column];
        List<HeatmapView> views = heatmaps.get(column);
        return slot >= 0 && slot < views.size() ? views.get(slot) : null;
    }

    /** Centre of a neuron of network layer {@code layerIndex} in this pane, or null when it is not on screen. */
    javafx.geometry.Point2D neuronCentre(int layerIndex, int neuron) {
        for (int c = 0; c < columns.size() && layout != null; c++) {
            if (columns.get(c).layerIndex() == layerIndex) {
                OverviewLayout.Box b = columns.get(c).isMap() ? boxOf(c, neuron) : outputBox(c, neuron);
                return b == null ? null : new javafx.geometry.Point2D(b.x() + b.size() / 2, b.centerY());
            }
        }
        return null;
    }

    /** The colour range each layer is drawn with now. */
    double range(int layerIndex) {
        return ranges[layerIndex];
    }

    OverviewLayout layoutGeometry() {
        return layout;
    }

    /**
     * The visible part of the pane, from the scroll pane around it. A wide network (Inception-ResNet v1 is about
     * 20,000 px wide) renders heatmaps, edges and legends only there, plus a margin of
     * {@value OverviewLayout#VIEW_MARGIN} px on each side so a short scroll shows them at once.
     */
    void setViewport(double x, double width) {
        if (x == viewX && width == viewWidth) {
            return;
        }
        viewX = x;
        viewWidth = width;
        if (layout != null) {
            placeCanvases();
            showVisibleLabels();
            renderHeatmaps();
            drawEdges();
            drawLegends();
        }
    }

    private double visibleLeft() {
        return Math.max(0, viewX - OverviewLayout.VIEW_MARGIN);
    }

    /** Before the scroll pane has told its viewport (a network opened at start-up), a screen's width from the left. */
    private double visibleRight() {
        double width = viewWidth > 0 ? viewWidth
                : getScene() != null && getScene().getWidth() > 0 ? getScene().getWidth() : FALLBACK_VIEW_WIDTH;
        return Math.min(getWidth(), viewX + width + OverviewLayout.VIEW_MARGIN);
    }

    /** Whether any of column {@code c} is in the visible part. */
    boolean columnVisible(int c) {
        return layout != null && layout.columnX(c) + layout.columnWidth(c) >= visibleLeft()
                && layout.columnX(c) <= visibleRight();
    }

    /** Edges and legends are drawn on canvases covering only the visible part: a 20,000 px canvas would not fit. */
    private void placeCanvases() {
        double left = visibleLeft();
        double w = Math.max(1, visibleRight() - left);
        for (Canvas c : List.of(edges, legends)) {
            c.setLayoutX(left);
            c.setWidth(w);
            c.setHeight(getHeight());
        }
    }

    /** Shows a snapshot coloured in {@code rangeMode}; builds the columns when the network is new. */
    void show(ActivationSnapshot s, RangeMode rangeMode) {
        boolean newNetwork = network != s.network();
        snapshot = s;
        colorRanges = ColorRanges.of(s);
        mode = rangeMode;
        ranges = colorRanges.ranges(rangeMode);
        if (newNetwork) {
            network = s.network();
            build();
        }
        renderHeatmaps();
        renderOutput(true);
        requestLayout(); // the layout pass places the labels and draws edges and legends
    }

    /** Recolours for a range-mode switch: every layer, never a hard-coded subset (CNN Explainer's bug). */
    void recolour(RangeMode rangeMode) {
        if (colorRanges == null) {
            return;
        }
        mode = rangeMode;
        ranges = colorRanges.ranges(rangeMode);
        renderHeatmaps();
        drawLegends();
    }

    void showDetails(boolean on) {
        details = on;
        updateLabels();
        drawLegends();
        requestLayout();
    }

    private void build() {
        layout = null; // the old network's geometry; the next layout pass makes the new one
        rendered = new Object[0];
        columns = OverviewColumn.of(network);
        firstNeuron = new int[columns.size()];
        heatmaps.clear();
        columnLabels.clear();
        dimensionLabels.clear();
        channelLabels.clear();
        outputRows.clear();
        outputClass = new int[0];
        content.getChildren().clear();
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            Label label = new Label();
            label.getStyleClass().add("layer-label");
            // A layer's name opens the article's section about that kind of layer.
            String section = io.convscope.explain.Article.sectionFor(col.layer().kind());
            label.setOnMouseClicked(e -> {
                label.fireEvent(new LearnRequest(section));
                e.consume();
            });
            Label dims = new Label();
            dims.getStyleClass().add("layer-dimensions");
            columnLabels.add(label);
            dimensionLabels.add(dims);
            content.getChildren().addAll(label, dims);
            List<HeatmapView> views = new ArrayList<>();
            if (col.isMap()) {
                int shown = Math.min(col.neurons(), OverviewLayout.MAX_VISIBLE);
                for (int i = 0; i < shown; i++) {
                    HeatmapView v = new HeatmapView();
                    v.getStyleClass().add("neuron");
                    views.add(v);
                    content.getChildren().add(v);
                }
            } else {
                int rows = Math.min(col.neurons(), OverviewLayout.MAX_OUTPUT_ROWS);
                outputClass = java.util.stream.IntStream.range(0, rows).toArray();
                for (int i = 0; i < rows; i++) {
                    OutputRow row = new OutputRow(ClassNames.display(text, network.classes().get(i)));
                    outputRows.add(row);
                    content.getChildren().addAll(row.name, row.bar, row.value);
                }
                if (rows < col.neurons()) {
                    topNote.setText(String.format(text.getString("overview.topClasses"), rows,
                            String.format(Locale.getDefault(), "%,d", col.neurons())));
                    topNote.getStyleClass().setAll("label", "top-classes-note");
                    topNote.setId("top-classes-note");
                    topNote.setWrapText(true);
                    content.getChildren().add(topNote);
                }
            }
            heatmaps.add(views);
        }
        if (!columns.isEmpty() && columns.get(0).kind() == OverviewColumn.Kind.INPUT && columns.get(0).neurons() == 3) {
            for (String key : List.of("channel.red", "channel.green", "channel.blue")) {
                Label l = new Label(text.getString(key));
                l.getStyleClass().addAll("channel-label", key.replace('.', '-'));
                channelLabels.add(l);
                content.getChildren().add(l);
            }
        }
        updateLabels();
    }

    private void updateLabels() {
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            String name = details ? col.layer().name() : col.genericName();
            String dims = col.isMap() ? col.layer().outputShape().toString() : "(" + col.neurons() + ")";
            columnLabels.get(c).setText(name);
            dimensionLabels.get(c).setText(dims);
        }
    }

    @Override
    protected void layoutChildren() {
        if (columns.isEmpty() || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        layout = new OverviewLayout(columns, getWidth(), getHeight());
        placeCanvases();
        double size = layout.neuronSize();
        placeLabels();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isMap()) {
                List<OverviewLayout.Placed> placed = layout.placed(c, firstNeuron[c]);
                List<HeatmapView> views = heatmaps.get(c);
                for (int slot = 0; slot < views.size(); slot++) {
                    OverviewLayout.Box b = placed.get(slot).box();
                    views.get(slot).size(size);
                    views.get(slot).relocate(b.x(), b.y());
                }
            } else {
                layoutOutput(c);
            }
        }
        for (int i = 0; i < channelLabels.size(); i++) {
            Label l = channelLabels.get(i);
            OverviewLayout.Box b = layout.box(0, i, layout.shown(0));
            l.autosize();
            l.relocate(b.x() + (size - l.prefWidth(-1)) / 2, b.y() + size + 1);
        }
        renderHeatmaps();
        drawEdges();
        drawLegends();
        placeFocusRing();
    }

    /**
     * Names above the columns, dimensions below them. When neighbouring names would overlap (narrow windows), names
     * alternate between two rows and the dimensions move into tooltips.
     */
    private void placeLabels() {
        double[] widths = new double[columns.size()];
        boolean collide = false;
        nameLeftOut = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            columnLabels.get(c).setMaxWidth(Double.MAX_VALUE);
            columnLabels.get(c).autosize();
            dimensionLabels.get(c).autosize();
            widths[c] = Math.max(columnLabels.get(c).prefWidth(-1), details ? dimensionLabels.get(c).prefWidth(-1) : 0);
            if (c > 0 && layout.columnCenterX(c) - widths[c] / 2 < layout.columnCenterX(c - 1) + widths[c - 1] / 2 + 2) {
                collide = true;
            }
        }
        double[] rowEnd = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        String learnTip = text.getString("learn.label.tooltip");
        for (int c = 0; c < columns.size(); c++) {
            Label name = columnLabels.get(c);
            Label dims = dimensionLabels.get(c);
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
        showVisibleLabels();
    }

    /** Labels of columns scrolled far out of view are not drawn (hundreds in a wide network). */
    private void showVisibleLabels() {
        for (int c = 0; c < columns.size(); c++) {
            boolean visible = columnVisible(c);
            columnLabels.get(c).setVisible(visible && !(c < nameLeftOut.length && nameLeftOut[c]));
            dimensionLabels.get(c).setVisible(visible && dimensionsShown);
        }
    }

    /** Reuses the label's tooltip: a layout pass places hundreds of labels. */
    private static void setTip(Label label, String tip) {
        if (label.getTooltip() == null) {
            label.setTooltip(new javafx.scene.control.Tooltip(tip));
        } else if (!tip.equals(label.getTooltip().getText())) {
            label.getTooltip().setText(tip);
        }
    }

    private static void centre(Label label, double x, double y) {
        label.autosize();
        double w = label.prefWidth(-1);
        label.resizeRelocate(x - w / 2, y, w, label.prefHeight(-1));
    }

    private void layoutOutput(int column) {
        double size = layout.neuronSize();
        double x = layout.columnX(column);
        for (int i = 0; i < outputRows.size(); i++) {
            OverviewLayout.Box b = layout.box(column, i, outputRows.size());
            OutputRow row = outputRows.get(i);
            row.name.autosize();
            row.name.relocate(x, b.centerY() - size / 2 + Math.max(0, size / 2 - 16));
            row.bar.setX(x);
            row.bar.setY(b.centerY() + 2);
            row.bar.setHeight(Math.max(4, Math.min(10, size / 4)));
            row.value.autosize();
            row.value.relocate(x + OverviewLayout.OUTPUT_WIDTH - 46, b.centerY() - 4);
        }
        if (!outputRows.isEmpty() && content.getChildren().contains(topNote)) {
            // Above the first row: below the last one the colour legends begin.
            OverviewLayout.Box firstRow = layout.box(column, 0, outputRows.size());
            double h = topNote.prefHeight(OverviewLayout.OUTPUT_WIDTH);
            topNote.setMaxWidth(OverviewLayout.OUTPUT_WIDTH);
            topNote.resizeRelocate(x, Math.max(OverviewLayout.LABEL_SPACE, firstRow.y() - h - 4),
                    OverviewLayout.OUTPUT_WIDTH, h);
        }
        renderOutput(false);
    }

    private void renderHeatmaps() {
        if (snapshot == null || layout == null) {
            return; // the next layout pass renders what is visible
        }
        if (rendered.length != columns.size()) {
            rendered = new Object[columns.size()];
        }
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            if (!col.isMap()) {
                continue;
            }
            List<HeatmapView> views = heatmaps.get(c);
            boolean visible = columnVisible(c);
            for (HeatmapView v : views) {
                v.setVisible(visible);
            }
            LayerActivation a = snapshot.layer(col.layerIndex());
            double range = ranges[col.layerIndex()];
            List<Object> key = List.of(snapshot, range, firstNeuron[c], col.kind());
            if (!visible || key.equals(rendered[c])) {
                continue; // off screen (rendered when scrolled to), or already showing exactly this
            }
            rendered[c] = key;
            for (int slot = 0; slot < views.size(); slot++) {
                int neuron = firstNeuron[c] + slot;
                views.get(slot).show(a, neuron, col.kind() == OverviewColumn.Kind.INPUT
                        ? palette::input : v -> palette.activation(v, range));
            }
        }
    }

    private void renderOutput(boolean animate) {
        if (snapshot == null || layout == null || outputRows.isEmpty()) {
            return;
        }
        if (network.classes().size() > outputRows.size()) {
            // Many classes: the rows show the most probable ones, best first, re-ranked for every image.
            outputClass = java.util.Arrays.copyOf(snapshot.ranking(), outputRows.size());
            for (int i = 0; i < outputRows.size(); i++) {
                outputRows.get(i).name.setText(ClassNames.display(text, network.classes().get(outputClass[i])));
            }
        }
        float maxP = 0;
        for (int i = 0; i < outputRows.size(); i++) {
            maxP = Math.max(maxP, snapshot.probability(outputClass[i]));
        }
        int top = snapshot.topClass();
        double barMax = OverviewLayout.OUTPUT_WIDTH - 52;
        List<KeyValue> targets = new ArrayList<>();
        for (int i = 0; i < outputRows.size(); i++) {
            OutputRow row = outputRows.get(i);
            double p = snapshot.probability(outputClass[i]);
            row.value.setText(String.format(Locale.ROOT, "%.4f", p));
            boolean isTop = outputClass[i] == top;
            row.setTop(isTop);
            row.bar.setFill(isTop ? palette.accent() : palette.bar());
            row.name.setTextFill(isTop ? palette.accent() : palette.text());
            double w = maxP <= 0 ? 0 : p / maxP * barMax;
            if (animate) {
                targets.add(new KeyValue(row.bar.widthProperty(), w, Motion.EASE));
            } else {
                row.bar.setWidth(w);
            }
        }
        if (animate) {
            if (barAnimation != null) {
                barAnimation.stop();
            }
            barAnimation = new Timeline(new KeyFrame(Duration.millis(Motion.OUTPUT_BAR_MS), targets.toArray(KeyValue[]::new)));
            barAnimation.setDelay(Duration.millis(Motion.OUTPUT_BAR_DELAY_MS));
            barAnimation.play();
        }
    }

    /** Whether the output bars are still moving (or waiting to), so tests wait for the animation, not for time. */
    boolean barsMoving() {
        return barAnimation != null && barAnimation.getStatus() == Animation.Status.RUNNING;
    }

    /** Edges: light for all, dark on top for the hovered neuron's inputs. */
    private void drawEdges() {
        if (layout == null) {
            return;
        }
        GraphicsContext g = edges.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, edges.getWidth(), edges.getHeight());
        g.translate(-edges.getLayoutX(), 0); // the canvas covers only the visible part of a wide network
        g.setLineWidth(0.7);
        g.setStroke(palette.edge());
        // All edges as one path, stroked once: a stroke per curve made big networks slow to draw.
        g.beginPath();
        for (int c = 1; c < columns.size(); c++) {
            if (!edgesVisible(c)) {
                continue;
            }
            for (int slot = 0; slot < shownCount(c); slot++) {
                addInputs(g, c, atSlot(c, slot).index());
            }
        }
        g.stroke();
        Neuron h = hovered.get() != null ? hovered.get() : focused.get();
        if (h != null && h.column() > 0) {
            g.setLineWidth(1.2);
            g.setStroke(palette.edgeHighlight());
            g.beginPath();
            addInputs(g, h.column(), h.index());
            g.stroke();
            outlineSources(g, h);
        }
        if (hoveredEdge != null) {
            g.setLineWidth(2.5);
            g.setStroke(palette.accent());
            OverviewLayout.Box from = boxOf(hoveredEdge.column() - 1, hoveredEdge.source());
            OverviewLayout.Box to = boxOf(hoveredEdge.column(), hoveredEdge.target());
            if (from != null && to != null) {
                g.beginPath();
                addCurve(g, from, to);
                g.stroke();
            }
        }
    }

    /** Adds one edge to the current path (the caller strokes). */
    private static void addCurve(GraphicsContext g, OverviewLayout.Box from, OverviewLayout.Box to) {
        double x0 = from.right();
        double y0 = from.centerY();
        double x1 = to.x();
        double y1 = to.centerY();
        double mid = (x0 + x1) / 2;
        g.moveTo(x0, y0);
        g.bezierCurveTo(mid, y0, mid, y1, x1, y1);
    }

    /** Frames the neurons a hovered neuron reads from, so students see where its value comes from. */
    private void outlineSources(GraphicsContext g, Neuron n) {
        OverviewColumn col = columns.get(n.column());
        double pad = 2;
        g.setLineWidth(1);
        for (OverviewColumn.Input in : col.inputs()) {
            int prev = in.column();
            if (!columns.get(prev).isMap()) {
                continue;
            }
            for (int slot = 0; slot < shownCount(prev); slot++) {
                int source = firstNeuron[prev] + slot;
                if (col.reads(in, source, n.index())) {
                    OverviewLayout.Box b = boxOf(prev, source);
                    g.strokeRect(b.x() - pad, b.y() - pad, b.size() + 2 * pad, b.size() + 2 * pad);
                }
            }
        }
    }

    /**
     * A skip connection (ResNet's shortcut, an Inception branch reading the block's input) from a column further
     * left: the edge leaves the source, runs along the gap above the source's row, past the columns in between, and
     * bends into the target in the last gap, so it never crosses a heatmap of the same row.
     */
    private void addSkip(GraphicsContext g, OverviewLayout.Box from, OverviewLayout.Box to, int targetColumn) {
        double x0 = from.right();
        double y0 = from.centerY();
        double lane = from.y() - OverviewLayout.MIN_GAP / 2;
        double bend = Math.min(layout.neuronSize() / 2, 12);
        double x1 = to.x();
        double turn = Math.max(x0 + 2 * bend, layout.columnX(targetColumn - 1) + layout.columnWidth(targetColumn - 1));
        g.moveTo(x0, y0);
        g.bezierCurveTo(x0 + bend, y0, x0, lane, x0 + bend, lane);
        g.lineTo(turn, lane);
        double mid = (turn + x1) / 2;
        g.bezierCurveTo(mid, lane, mid, to.centerY(), x1, to.centerY());
    }

    /** Whether the edges into column {@code c} can be on screen (wide networks draw only what is visible). */
    private boolean edgesVisible(int c) {
        double left = edges.getLayoutX();
        double right = left + edges.getWidth();
        double from = c == 0 ? layout.columnX(0) : columns.get(c).inputs().stream()
                .mapToDouble(in -> layout.columnX(in.column())).min().orElse(layout.columnX(c));
        return layout.columnX(c) + layout.columnWidth(c) >= left && from <= right;
    }

    private int shownCount(int column) {
        return columns.get(column).isMap() ? heatmaps.get(column).size() : outputRows.size();
    }

    /** Adds the edges into a neuron from the visible neurons of every column it reads to the current path. */
    private void addInputs(GraphicsContext g, int column, int neuron) {
        OverviewLayout.Box to = boxOf(column, neuron);
        if (to == null) {
            return;
        }
        OverviewColumn col = columns.get(column);
        for (OverviewColumn.Input in : col.inputs()) {
            int prev = in.column();
            for (int slot = 0; slot < shownCount(prev); slot++) {
                int source = firstNeuron[prev] + slot;
                if (!col.reads(in, source, neuron)) {
                    continue;
                }
                if (prev == column - 1) {
                    addCurve(g, boxOf(prev, source), to);
                } else {
                    addSkip(g, boxOf(prev, source), to, column);
                }
            }
        }
    }

    private OverviewLayout.Box boxOf(int column, int neuron) {
        if (!columns.get(column).isMap()) {
            OverviewLayout.Box b = outputBox(column, neuron);
            return b == null ? null : new OverviewLayout.Box(b.x() - 4, b.y(), 0);
        }
        int slot = neuron - firstNeuron[column];
        if (slot < 0 || slot >= heatmaps.get(column).size()) {
            return null;
        }
        return layout.box(column, slot, heatmaps.get(column).size());
    }

    /** The row of an output class, or -1 when the class is not among the rows shown. */
    private int outputSlot(int classIndex) {
        for (int i = 0; i < outputClass.length; i++) {
            if (outputClass[i] == classIndex) {
                return i;
            }
        }
        return -1;
    }

    /** The box of an output class's row, or null when it is not shown. */
    private OverviewLayout.Box outputBox(int column, int classIndex) {
        int slot = outputSlot(classIndex);
        return slot < 0 ? null : layout.box(column, slot, outputRows.size());
    }

    /** The neuron at a visible slot: a channel for map columns, the class of that row for the output. */
    private Neuron atSlot(int column, int slot) {
        return columns.get(column).isMap() ? new Neuron(column, firstNeuron[column] + slot)
                : new Neuron(column, outputClass[slot]);
    }

    private void drawLegends() {
        GraphicsContext g = legends.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, legends.getWidth(), legends.getHeight());
        g.translate(-legends.getLayoutX(), 0);
        if (layout == null || !details || snapshot == null) {
            return;
        }
        LegendPainter.paint(g, layout, columns, colorRanges, mode, snapshot, palette, visibleLeft(), visibleRight());
    }

    private void onMouseMoved(MouseEvent e) {
        if (layout == null) {
            return;
        }
        for (int c = 0; c < columns.size(); c++) {
            int shown = shownCount(c);
            for (int slot = 0; slot < shown; slot++) {
                if (hit(c, slot, shown, e.getX(), e.getY())) {
                    hoveredEdge = null;
                    hover(atSlot(c, slot), e);
                    return;
                }
            }
        }
        Edge edge = convolutionEdgeAt(e.getX(), e.getY());
        if (edge != null) {
            boolean changed = !edge.equals(hoveredEdge);
            hoveredEdge = edge;
            hover(new Neuron(edge.column(), edge.target()), null);
            readout.set(describeKernel(edge));
            if (changed) {
                drawEdges();
            }
            return;
        }
        if (hoveredEdge != null) {
            hoveredEdge = null;
            drawEdges();
        }
        hover(null, null);
    }

    /** An edge into a convolution neuron: it carries one 3x3 (or k x k) kernel. */
    record Edge(int column, int source, int target) {
    }

    /** Pixels between the pointer and an edge that still count as on it. */
    static final double EDGE_TOLERANCE = 2.5;

    /** The convolution edge under the pointer, found on the curves as drawn (cubic, control points at mid-x). */
    private Edge convolutionEdgeAt(double px, double py) {
        for (int c = 1; c < columns.size(); c++) {
            // Kernels are read off the curves between neighbouring columns; a skip connection's edges run in lanes.
            if (columns.get(c).kind() != OverviewColumn.Kind.CONVOLUTION || !columns.get(c).readsPrevious(c)) {
                continue;
            }
            double x0 = layout.columnX(c - 1) + layout.neuronSize();
            double x1 = layout.columnX(c);
            if (px <= x0 || px >= x1) {
                continue;
            }
            double t = bezierParameterAt(px, x0, x1);
            double blend = t * t * (3 - 2 * t); // y weight of the end point on this curve shape
            Edge best = null;
            double bestDistance = EDGE_TOLERANCE;
            for (int ts = 0; ts < shownCount(c); ts++) {
                OverviewLayout.Box to = boxOf(c, firstNeuron[c] + ts);
                for (int ss = 0; ss < shownCount(c - 1); ss++) {
                    if (!columns.get(c).reads(columns.get(c).inputs().get(0), firstNeuron[c - 1] + ss,
                            firstNeuron[c] + ts)) {
                        continue; // no edge drawn there (a depthwise neuron reads one channel)
                    }
                    OverviewLayout.Box from = boxOf(c - 1, firstNeuron[c - 1] + ss);
                    double y = from.centerY() + (to.centerY() - from.centerY()) * blend;
                    if (Math.abs(y - py) < bestDistance) {
                        bestDistance = Math.abs(y - py);
                        best = new Edge(c, firstNeuron[c - 1] + ss, firstNeuron[c] + ts);
                    }
                }
            }
            return best;
        }
        return null;
    }

    /** For x(t) = x0 (1-t)^3 + 3 m (1-t)^2 t + 3 m (1-t) t^2 + x1 t^3 with m the mid-x: the t where x(t) = px. */
    static double bezierParameterAt(double px, double x0, double x1) {
        double mid = (x0 + x1) / 2;
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 30; i++) {
            double t = (lo + hi) / 2;
            double u = 1 - t;
            double x = x0 * u * u * u + 3 * mid * u * u * t + 3 * mid * u * t * t + x1 * t * t * t;
            if (x < px) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return (lo + hi) / 2;
    }

    /** CNN Explainer's "Kernel weights: [a, b, c; d, e, f; g, h, i]" (two decimals). */
    private String describeKernel(Edge edge) {
        OverviewColumn target = columns.get(edge.column());
        LayerWeights w = network.weights(target.layer().name());
        StringBuilder k = new StringBuilder("[");
        for (int y = 0; y < w.kernelHeight(); y++) {
            for (int x = 0; x < w.kernelWidth(); x++) {
                k.append(String.format(Locale.ROOT, "%.2f",
                        w.weight(edge.target(), w.kernelReading(edge.target(), edge.source()), y, x)));
                k.append(x < w.kernelWidth() - 1 ? ", " : y < w.kernelHeight() - 1 ? "; " : "]");
            }
        }
        return String.format(Locale.ROOT, text.getString("readout.kernel"),
                columns.get(edge.column() - 1).layer().name(), edge.source(), target.layer().name(), edge.target(), k);
    }

    Edge hoveredEdge() {
        return hoveredEdge;
    }

    /** Whether a point is on a neuron's heatmap, or on an output row (its name, bar and value). */
    private boolean hit(int column, int slot, int shown, double x, double y) {
        OverviewLayout.Box b = layout.box(column, slot, shown);
        double width = columns.get(column).isMap() ? b.size() : OverviewLayout.OUTPUT_WIDTH;
        return x >= b.x() && x < b.x() + width && y >= b.y() && y < b.y() + b.size();
    }

    private void hover(Neuron n, MouseEvent e) {
        if (!java.util.Objects.equals(n, hovered.get())) {
            hovered.set(n);
            drawEdges();
        }
        readout.set(n == null ? "" : describe(n, e));
    }

    /** The value under the pointer, in CNN Explainer's words and precision. */
    private String describe(Neuron n, MouseEvent e) {
        OverviewColumn col = columns.get(n.column());
        if (!col.isMap()) {
            return String.format(Locale.ROOT, text.getString("readout.output"), ClassNames.display(text, network.classes().get(n.index())),
                    snapshot.probability(n.index()), snapshot.logit(n.index()));
        }
        HeatmapView v = heatmap(n.column(), n.index());
        String where = col.layer().name() + " #" + n.index();
        int[] cell = v == null || e == null ? null : v.cellAt(e.getX() - v.getLayoutX(), e.getY() - v.getLayoutY());
        StringBuilder s = new StringBuilder(where);
        if (cell != null) {
            float value = snapshot.layer(col.layerIndex()).value(n.index(), cell[0], cell[1]);
            String key = col.kind() == OverviewColumn.Kind.INPUT ? "readout.pixel" : "readout.activation";
            s.append("  ").append(String.format(Locale.ROOT, text.getString(key), cell[0], cell[1], value));
        }
        LayerWeights w = network.weights(col.layer().name());
        if (w != null && col.kind() == OverviewColumn.Kind.CONVOLUTION) {
            s.append("  ").append(String.format(Locale.ROOT, text.getString("readout.bias"), w.bias(n.index())));
        }
        return s.toString();
    }

    /** The vertical wheel over a column's neurons scrolls its channels; anything else is left to pan the network. */
    private void onScroll(ScrollEvent e) {
        if (layout == null || Math.abs(e.getDeltaX()) >= Math.abs(e.getDeltaY())
                || e.getY() < OverviewLayout.LABEL_SPACE || e.getY() > layout.legendTop()) {
            return;
        }
        for (int c = 0; c < columns.size(); c++) {
            OverviewColumn col = columns.get(c);
            double x = layout.columnX(c);
            if (col.isMap() && col.neurons() > heatmaps.get(c).size() && e.getX() >= x && e.getX() < x + layout.neuronSize()) {
                int max = col.neurons() - heatmaps.get(c).size();
                int step = e.getDeltaY() < 0 ? 1 : -1;
                firstNeuron[c] = Math.max(0, Math.min(max, firstNeuron[c] + step));
                renderHeatmaps();
                drawEdges();
                e.consume();
                return;
            }
        }
    }

    private void onKey(KeyEvent e) {
        if (columns.isEmpty()) {
            return;
        }
        Neuron f = focused.get() == null ? new Neuron(0, 0) : focused.get();
        Neuron next = switch (e.getCode()) {
            case RIGHT -> inColumn(f.column() + 1, f.index());
            case LEFT -> inColumn(f.column() - 1, f.index());
            case DOWN -> inColumn(f.column(), rowIndex(f) + 1);
            case UP -> inColumn(f.column(), rowIndex(f) - 1);
            default -> null;
        };
        if (next != null) {
            scrollIntoView(next);
            focused.set(next);
            readout.set(describe(next, null));
            drawEdges();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && focused.get() != null) {
            choose(focused.get());
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            focused.set(null);
            drawEdges();
            e.consume();
        }
    }

    /** The neuron at (column, index), both clamped to what exists. */
    private Neuron inColumn(int column, int index) {
        int c = Math.max(0, Math.min(columns.size() - 1, column));
        if (!columns.get(c).isMap()) {
            return new Neuron(c, outputClass[Math.max(0, Math.min(outputClass.length - 1, index))]);
        }
        return new Neuron(c, Math.max(0, Math.min(columns.get(c).neurons() - 1, index)));
    }

    /** Up and down move by rows in the output column, which may show its classes ranked, not in class order. */
    private int rowIndex(Neuron n) {
        return columns.get(n.column()).isMap() ? n.index() : Math.max(0, outputSlot(n.index()));
    }

    /**
     * Puts the focus ring on the first neuron of a layer (the next shown column when the layer has none, such as
     * flatten) and takes the keyboard focus, so a "show me" link in the article lands on the network.
     */
    void focusLayer(int layerIndex) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).layerIndex() >= layerIndex) {
                Neuron n = new Neuron(c, 0);
                scrollIntoView(n);
                focused.set(n);
                readout.set(describe(n, null));
                drawEdges();
                requestFocus();
                return;
            }
        }
    }

    private void scrollIntoView(Neuron n) {
        revealColumn(n.column());
        if (!columns.get(n.column()).isMap()) {
            return;
        }
        int shown = heatmaps.get(n.column()).size();
        int first = firstNeuron[n.column()];
        if (n.index() < first || n.index() >= first + shown) {
            firstNeuron[n.column()] = Math.max(0, Math.min(n.index(), columns.get(n.column()).neurons() - shown));
            renderHeatmaps();
            requestLayout();
        }
    }

    private void placeFocusRing() {
        Neuron f = focused.get();
        if (f == null || layout == null) {
            focusRing.setVisible(false);
            return;
        }
        boolean map = columns.get(f.column()).isMap();
        OverviewLayout.Box b = map ? boxOf(f.column(), f.index()) : outputBox(f.column(), f.index());
        if (b == null) {
            focusRing.setVisible(false);
            return;
        }
        double pad = 3;
        focusRing.setX(b.x() - pad);
        focusRing.setY(b.y() - pad);
        focusRing.setWidth((map ? b.size() : OverviewLayout.OUTPUT_WIDTH) + 2 * pad);
        focusRing.setHeight(b.size() + 2 * pad);
        focusRing.setVisible(true);
    }

    /** A class: its name, an animated probability bar and the value. */
    private static final class OutputRow {
        final Label name;
        final Rectangle bar = new Rectangle(0, 6);
        final Label value = new Label();

        OutputRow(String className) {
            name = new Label(className);
            name.getStyleClass().add("class-name");
            value.getStyleClass().add("probability-value");
        }

        /**
         * Touches the style classes only when the state changes: the layout pass calls this, and any edit of the
         * list restyles the label, whose new font asks for another layout, every pulse, forever (a core at idle).
         */
        void setTop(boolean top) {
            if (top != name.getStyleClass().contains("top-class")) {
                if (top) {
                    name.getStyleClass().add("top-class");
                } else {
                    name.getStyleClass().remove("top-class");
                }
            }
        }
    }
}
