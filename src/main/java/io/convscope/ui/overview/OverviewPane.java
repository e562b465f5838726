package io.convscope.ui.overview;

import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.overview.EdgeRoutes;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.explain.overview.OverviewEdge;
import io.convscope.explain.overview.OverviewLayout;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.overview.OverviewViewport;
import io.convscope.explain.overview.ShownNeurons;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.function.DoubleConsumer;

/**
 * The overview: every neuron of every map layer as a heatmap, in columns from the input channels to the output
 * classes, joined by curved edges. Hovering a neuron highlights where its value comes from; arrow keys move a focus
 * ring. Only the neurons on screen are rendered: a column with more channels than fit scrolls. This pane lays the
 * parts out; {@link OverviewInput} routes the pointer and keys; {@link OverviewHeatmaps}, {@link OverviewEdgePainter},
 * {@link OverviewColumnLabels}, {@link OverviewOutputColumn} and {@link OverviewLegends} draw them,
 * {@link OverviewFocus} holds what is hovered and focused and the readout, {@link ShownNeurons} and
 * {@link EdgeRoutes} the geometry.
 */
public final class OverviewPane extends Region {

    /** The visible width assumed before the scroll pane reports one. */
    static final double FALLBACK_VIEW_WIDTH = 1920;

    private final ResourceBundle text;
    private final Group content = new Group();
    private final NeuronFocusRing focusRing = new NeuronFocusRing();
    private final OverviewHeatmaps heatmaps;
    private final OverviewEdgePainter edges;
    private final OverviewColumnLabels labels;
    private final OverviewOutputColumn output;
    private final OverviewLegends legends;
    private final OverviewFocus focus;

    private NetworkDescription network;
    private List<OverviewColumn> columns = List.of();
    private ShownNeurons shown = new ShownNeurons(List.of());
    private OverviewLayout layout;
    private ActivationSnapshot snapshot;
    private ColorRanges colorRanges;
    private RangeMode mode = RangeMode.UNIT;
    private double[] ranges = new double[0];
    private boolean details = true;
    /** The part of this pane the scroll pane shows (width 0: all of it, before the first scroll-pane layout). */
    private double viewX;

    private double viewWidth;
    private BiConsumer<Integer, Integer> onChosen = (layer, neuron) -> {};
    /** Asked to scroll so that an x of this pane is in view (the main window's scroll pane does it). */
    private DoubleConsumer onReveal = x -> {};

    public OverviewPane(ResourceBundle text, Palette palette) {
        this.text = text;
        heatmaps = new OverviewHeatmaps(palette);
        edges = new OverviewEdgePainter(palette);
        labels = new OverviewColumnLabels(text);
        output = new OverviewOutputColumn(text, palette);
        legends = new OverviewLegends(palette);
        focus = new OverviewFocus(text);
        getStyleClass().add("overview");
        setFocusTraversable(true);
        getChildren().addAll(edges.canvas(), legends.canvas(), content, focusRing);
        OverviewInput.install(this, focus);
        focus.focusedProperty().addListener((o, a, b) -> placeFocusRing());
    }

    /** Called with (network layer index, neuron) when a neuron is clicked or Enter is pressed on the focused one. */
    public void setOnNeuronChosen(BiConsumer<Integer, Integer> handler) {
        onChosen = handler;
    }

    void setOnReveal(DoubleConsumer handler) {
        onReveal = handler;
    }

    /** Scrolls a wide network sideways so that column {@code c} is in view, and renders it. */
    public void revealColumn(int c) {
        if (layout != null) {
            onReveal.accept(layout.columnCenterX(c));
        }
    }

    void choose(OverviewNeuron n) {
        onChosen.accept(columns.get(n.column()).layerIndex(), n.index());
    }

    public ReadOnlyStringProperty readoutProperty() {
        return focus.readoutProperty();
    }

    public ReadOnlyObjectProperty<OverviewNeuron> hoveredProperty() {
        return focus.hoveredProperty();
    }

    public ObjectProperty<OverviewNeuron> focusedNeuronProperty() {
        return focus.focusedProperty();
    }

    /** The name label above a column (clicking it opens the article). */
    public Label columnLabel(int column) {
        return labels.name(column);
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

    public List<OverviewColumn> columns() {
        return columns;
    }

    /** The heatmap drawn for a neuron, or null when it is scrolled out of view. */
    public HeatmapView heatmap(int column, int neuron) {
        return heatmaps.view(shown, column, neuron);
    }

    /** Centre of a neuron of network layer {@code layerIndex} in this pane, or null when it is not on screen. */
    public Point2D neuronCentre(int layerIndex, int neuron) {
        for (int c = 0; c < columns.size() && layout != null; c++) {
            if (columns.get(c).layerIndex() == layerIndex) {
                OverviewLayout.Box b = shown.box(layout, c, neuron);
                return b == null ? null : new Point2D(b.x() + b.size() / 2, b.centerY());
            }
        }
        return null;
    }

    /** The colour range each layer is drawn with now. */
    public double range(int layerIndex) {
        return ranges[layerIndex];
    }

    /** Whether the output bars are still moving (or waiting to), so tests wait for the animation, not for time. */
    public boolean barsMoving() {
        return output.barsMoving();
    }

    public OverviewLayout layoutGeometry() {
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
            labels.showVisible(this::columnVisible);
            renderHeatmaps();
            drawEdges();
            drawLegends();
        }
    }

    /** Before the scroll pane has told its viewport (a network opened at start-up), a screen's width from the left. */
    private OverviewViewport viewport() {
        double width = viewWidth > 0
                ? viewWidth
                : getScene() != null && getScene().getWidth() > 0 ? getScene().getWidth() : FALLBACK_VIEW_WIDTH;
        return OverviewViewport.of(viewX, width, getWidth());
    }

    /** Whether any of column {@code c} is in the visible part. */
    public boolean columnVisible(int c) {
        return layout != null && viewport().columnVisible(layout, c);
    }

    /** Edges and legends are drawn on canvases covering only the visible part: a 20,000 px canvas would not fit. */
    private void placeCanvases() {
        OverviewViewport v = viewport();
        for (Canvas c : List.of(edges.canvas(), legends.canvas())) {
            c.setLayoutX(v.left());
            c.setWidth(v.width());
            c.setHeight(getHeight());
        }
    }

    /**
     * Shows a snapshot coloured in {@code rangeMode}; builds the columns when the network's layers are new. The same
     * layers with other weights (a training run's probe, described anew at every look) keep the columns and their
     * nodes: only the heatmaps are redrawn, so a look costs the window a repaint, not a new scene graph.
     */
    public void show(ActivationSnapshot s, RangeMode rangeMode) {
        boolean newNetwork = !sameLayers(network, s.network());
        snapshot = s;
        colorRanges = ColorRanges.of(s);
        mode = rangeMode;
        ranges = colorRanges.ranges(rangeMode);
        if (newNetwork) {
            network = s.network();
            build();
        } else if (network != s.network()) {
            network = s.network();
            focus.setNetwork(network, columns); // its readout names the current weights' network
        }
        renderHeatmaps();
        if (layout != null) {
            output.render(snapshot, shown, true);
        }
        requestLayout(); // the layout pass places the labels and draws edges and legends
    }

    /** Recolours for a range-mode switch: every layer, never a hard-coded subset (CNN Explainer's bug). */
    public void recolour(RangeMode rangeMode) {
        if (colorRanges == null) {
            return;
        }
        mode = rangeMode;
        ranges = colorRanges.ranges(rangeMode);
        renderHeatmaps();
        drawLegends();
    }

    public void showDetails(boolean on) {
        details = on;
        labels.setDetails(on);
        drawLegends();
        requestLayout();
    }

    private static boolean sameLayers(NetworkDescription shown, NetworkDescription next) {
        return shown == next
                || shown != null
                        && shown.layers().equals(next.layers())
                        && shown.inputs().equals(next.inputs())
                        && shown.classes().equals(next.classes());
    }

    private void build() {
        layout = null; // the old network's geometry; the next layout pass makes the new one
        columns = OverviewColumn.of(network);
        shown = new ShownNeurons(columns);
        focus.setNetwork(network, columns);
        content.getChildren().clear();
        labels.build(columns, content);
        heatmaps.build(shown, content);
        output.build(network, columns, shown, content);
    }

    @Override
    protected void layoutChildren() {
        if (columns.isEmpty() || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        layout = new OverviewLayout(columns, getWidth(), getHeight());
        placeCanvases();
        labels.place(layout, this::columnVisible);
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isMap()) {
                heatmaps.layout(layout, shown, c);
            } else {
                output.layout(layout, c, shown, snapshot);
            }
        }
        renderHeatmaps();
        drawEdges();
        drawLegends();
        placeFocusRing();
    }

    /** The neurons each column shows now (a column with more channels than fit scrolls). */
    ShownNeurons shown() {
        return shown;
    }

    /** The snapshot shown, or null before the first. */
    ActivationSnapshot snapshot() {
        return snapshot;
    }

    void renderHeatmaps() {
        if (snapshot != null && layout != null) { // else the next layout pass renders what is visible
            heatmaps.render(layout, shown, viewport(), snapshot, ranges);
        }
    }

    void drawEdges() {
        if (layout != null) {
            edges.draw(layout, shown, focus.highlighted(), focus.hoveredEdge());
        }
    }

    private void drawLegends() {
        legends.draw(layout, details, snapshot, colorRanges, mode, viewport());
    }

    public OverviewEdge hoveredEdge() {
        return focus.hoveredEdge();
    }

    /**
     * Puts the focus ring on the first neuron of a layer (the next shown column when the layer has none, such as
     * flatten) and takes the keyboard focus, so a "show me" link in the article lands on the network.
     */
    public void focusLayer(int layerIndex) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).layerIndex() >= layerIndex) {
                moveFocus(new OverviewNeuron(c, 0));
                requestFocus();
                return;
            }
        }
    }

    /** Moves the focus ring to a neuron, scrolled into view, and reads it out. */
    void moveFocus(OverviewNeuron n) {
        revealColumn(n.column());
        if (shown.reveal(n)) {
            renderHeatmaps();
            requestLayout();
        }
        focus.focus(n, snapshot);
        drawEdges();
    }

    private void placeFocusRing() {
        focusRing.place(focus.focusedProperty().get(), layout, shown);
    }
}
