package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.architecture.tiles.ArchitectureTiles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The architecture graph on a canvas the size of the viewport: zoom (wheel, pinch, + and −) around the pointer, pan
 * (drag, arrow keys), fit, select by click, search by name, double-click to open or close a block, hover for details.
 * Only the visible part is drawn on each change; the layout itself comes from {@code io.convscope.explain.graph}.
 * Frames come from {@link ArchitectureTiles} when its tiles cover the view (panning, hovering, selecting at one zoom):
 * the graph is then painted once per tile, not once per frame. After a zoom, a theme or a layout change the frame is
 * drawn directly on the canvas, and the tiles are filled in once the view has been still for a moment; an
 * {@link ArchitectureFrameDrawer} does that. Zoom and translation are kept by an {@link ArchitectureCamera}.
 */
public final class ArchitectureView extends Region {

    private final ArchitectureFrameDrawer drawer;
    private final Canvas canvas;
    private double lastPanX;
    private double lastPanY;
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private GraphLayout layout;
    private List<EdgeLabels.Label> edgeLabels = List.of();
    private final ArchitectureCamera camera = new ArchitectureCamera();
    private boolean dark;
    private String hovered;
    private final GraphSearch search = new GraphSearch();
    private boolean fitPending = true;
    private Consumer<String> onToggleBlock = id -> {};
    private BiConsumer<GraphLayout.Box, double[]> onHover = (b, p) -> {};

    public ArchitectureView(ArchitecturePainter painter, boolean dark) {
        this.dark = dark;
        this.drawer = new ArchitectureFrameDrawer(this, painter, this::frame, this::redraw);
        this.canvas = drawer.canvas();
        getStyleClass().add("architecture-view");
        getChildren().addAll(canvas, drawer.tileLayer());
        setFocusTraversable(true);
        setMinSize(0, 0);
        selected.addListener((o, a, b) -> redraw());
        ArchitectureViewGestures.install(this);
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public void onToggleBlock(Consumer<String> handler) {
        onToggleBlock = handler;
    }

    /** Called with the hovered box and the pointer position in view coordinates, or (null, null) when none. */
    public void onHover(BiConsumer<GraphLayout.Box, double[]> handler) {
        onHover = handler;
    }

    public GraphLayout layoutShown() {
        return layout;
    }

    public double scale() {
        return camera.scale();
    }

    public void dark(boolean on) {
        dark = on;
        redraw();
    }

    /**
     * Shows a new layout. The new layout's {@code anchor} box takes the screen place of the old layout's
     * {@code oldAnchor} box (both may be null), so opening or closing a block does not throw the reader somewhere
     * else; without them the view fits the graph.
     */
    public void show(GraphLayout newLayout, String oldAnchor, String anchor) {
        double[] before =
                oldAnchor != null && anchor != null && layout != null ? camera.screenCentre(layout, oldAnchor) : null;
        layout = newLayout;
        edgeLabels = EdgeLabels.of(newLayout);
        search.clear();
        hovered = null;
        if (before != null
                && newLayout.nodes().stream().anyMatch(b -> b.node().id().equals(anchor))) {
            camera.place(newLayout.box(anchor), before);
        } else {
            fitPending = true;
        }
        requestLayout();
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        if (fitPending && w > 0 && h > 0 && layout != null) {
            fitPending = false;
            fitTop();
        }
        redraw();
    }

    /**
     * The opening view: the whole graph when it is readable that way, else the top of it at a readable zoom (a
     * student starts reading at the input).
     */
    public void fitTop() {
        if (layout == null || getWidth() <= 0) {
            fitPending = true;
            return;
        }
        camera.fitTop(layout, getWidth(), getHeight());
        redraw();
    }

    public void fit() {
        if (layout == null || getWidth() <= 0) {
            fitPending = true;
            return;
        }
        camera.fit(layout, getWidth(), getHeight());
        redraw();
    }

    public void zoomAt(double factor, double px, double py) {
        camera.zoomAt(factor, px, py);
        redraw();
    }

    public void panBy(double dx, double dy) {
        camera.panBy(dx, dy);
        lastPanX = dx;
        lastPanY = dy;
        redraw();
        lastPanX = 0;
        lastPanY = 0;
    }

    /** Selects {@code id} (a visible id, a layer inside a collapsed block, or a block id) and centres it. */
    public void select(String id) {
        String visible = visibleId(id);
        selected.set(visible);
        centreOn(visible);
    }

    /** The id that stands for {@code id} on screen: itself, or its collapsed block. */
    public String visibleId(String id) {
        return LayoutLookup.visibleId(layout, id);
    }

    /** Moves the view so {@code id} (or all layers of an expanded block id) is in the middle, zooming in if tiny. */
    public void centreOn(String id) {
        if (layout == null || id == null) {
            return;
        }
        double[] bounds = LayoutLookup.bounds(layout, id);
        if (bounds == null) {
            return;
        }
        camera.centreOn(bounds, getWidth(), getHeight());
        redraw();
    }

    /**
     * Finds boxes whose name (or, for a collapsed block, a member's name) contains {@code query}, ignoring case. The
     * same query again moves to the next match. Selects and centres the match; returns it, or null when none.
     */
    public String searchNext(String query) {
        String id = search.next(layout, query);
        if (id == null) {
            redraw();
        } else {
            select(id);
        }
        return id;
    }

    public int matchCount() {
        return search.count();
    }

    /** 1-based position of the current match, 0 when none. */
    public int matchPosition() {
        return search.position();
    }

    GraphLayout.Box boxAtScreen(double sx, double sy) {
        return layout == null ? null : camera.boxAt(layout, sx, sy);
    }

    /** Where a box's centre is on screen, for tests and the hover card. */
    public double[] screenPosition(String id) {
        return layout == null ? null : camera.screenCentre(layout, id);
    }

    void hoverAt(double x, double y) {
        GraphLayout.Box b = boxAtScreen(x, y);
        String id = b == null ? null : b.node().id();
        if (!Objects.equals(id, hovered)) {
            hovered = id;
            redraw();
        }
        onHover.accept(b, b == null ? null : new double[] {x, y});
    }

    /** The pointer left the view: nothing is hovered. */
    void hoverOff() {
        hovered = null;
        onHover.accept(null, null);
        redraw();
    }

    /** Hides the hover card (while dragging). */
    void hideCard() {
        onHover.accept(null, null);
    }

    /** A click on box {@code id} selects it; a double-click opens or closes its block. */
    void clicked(String id, boolean twice) {
        if (twice) {
            onToggleBlock.accept(id);
        } else {
            selected.set(id);
        }
    }

    void redraw() {
        drawer.draw(frame(), lastPanX, lastPanY);
    }

    private ArchitecturePainter.Highlight highlight() {
        return new ArchitecturePainter.Highlight(selected.get(), search.matches(), hovered);
    }

    /** What the view shows now, on its canvas. */
    private ArchitectureFrame frame() {
        return new ArchitectureFrame(
                layout, edgeLabels, dark, highlight(), camera.viewport(canvas.getWidth(), canvas.getHeight()));
    }

    /** Frames drawn directly on the canvas rather than from tiles (for the benchmark). */
    public long directFrames() {
        return drawer.directFrames();
    }

    /** Tiles painted so far (for the benchmark). */
    public long tilesPainted() {
        return drawer.tilesPainted();
    }

    /** The translation, view pixels (for tests: a direct drawing of the same frame). */
    public double[] translation() {
        return camera.translation();
    }

    /** What is highlighted now (for tests). */
    public ArchitecturePainter.Highlight highlightShown() {
        return highlight();
    }

    /** Whether highlight changes are drawn over the tiles rather than in them yet (for tests). */
    public boolean showsPatches() {
        return drawer.showsPatches();
    }

    /** Whether the last frame came from tiles (for tests). */
    public boolean showsTiles() {
        return drawer.showsTiles();
    }
}
