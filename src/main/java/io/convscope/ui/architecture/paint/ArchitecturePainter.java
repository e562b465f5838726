package io.convscope.ui.architecture.paint;

import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.NodeColors;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.ui.common.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a laid-out architecture on a canvas: only what intersects the visible rectangle, so panning a 366-layer graph
 * costs as much as the few dozen boxes on screen. Used by the view (its frames after a zoom, and its tiles, see
 * {@code ui.architecture.tiles.ArchitectureTiles}) and, tile by tile, by the PNG export. Text is left out when it would be too small to
 * read, which also keeps zoomed-out frames cheap.
 */
public final class ArchitecturePainter {

    public static final Font TITLE = Font.font("System", FontWeight.BOLD, 12);
    static final Font SUBTITLE = Font.font("System", 11);
    static final Font EDGE_LABEL = Font.font("System", 10);
    /** Below this zoom no text is drawn (a 12 px title would be under 4.5 px tall). */
    static final double TITLE_MIN_SCALE = 0.38;

    static final double SUBTITLE_MIN_SCALE = 0.55;
    static final double EDGE_LABEL_MIN_SCALE = 0.55;
    static final double CORNER = 6;
    static final double STACK_OFFSET = 4;
    public static final double TEXT_PADDING = 8;
    /** Selection halo drawn around a selected or matching box. */
    static final double HALO = 4;
    /**
     * How far a box's drawing reaches past its bounds, in view units: a collapsed block's two sheets behind it (the
     * farthest), the selection halo, a thick outline. Anything a highlight change repaints lies within it.
     */
    public static final double BOX_REACH = STACK_OFFSET * 2 + 2;
    /** How far an edge's drawing reaches past its route's points: the arrow head and a highlighted stroke. */
    public static final double EDGE_REACH = 4;

    /** Swapped when the language changes (the export thread reads it too). */
    private volatile NodeLabels labels;

    private final Map<Font, Map<String, String>> fitted = new HashMap<>();
    private final Text measure = new Text();

    public ArchitecturePainter(NodeLabels labels) {
        this.labels = labels;
    }

    NodeLabels labels() {
        return labels;
    }

    /** Draws the boxes' lines with {@code labels} from now on: a collapsed block's "n layers" in another language. */
    public void labels(NodeLabels labels) {
        this.labels = labels;
    }

    /** What is highlighted: the selected id (a layer, or a block id), the search matches and the hovered box. */
    public record Highlight(String selected, Set<String> matches, String hovered) {
        public static final Highlight NONE = new Highlight(null, Set.of(), null);
    }

    /** Paints a frame onto a canvas of the view's own pixels. */
    public void paint(GraphicsContext gc, ArchitectureFrame frame) {
        paint(gc, frame, 1);
    }

    /**
     * The same onto a surface of {@code pixelRatio} device pixels per view pixel (a tile for a HiDPI screen): the
     * drawing is {@code pixelRatio} times larger, while what is readable (which text is drawn) still follows the
     * frame's scale. Only what intersects the frame's viewport is drawn.
     */
    public void paint(GraphicsContext gc, ArchitectureFrame frame, double pixelRatio) {
        GraphLayout layout = frame.layout();
        List<EdgeLabels.Label> edgeLabels = frame.edgeLabels();
        boolean dark = frame.dark();
        Highlight highlight = frame.highlight();
        double scale = frame.viewport().scale();
        double tx = frame.viewport().tx();
        double ty = frame.viewport().ty();
        double w = frame.viewport().w();
        double h = frame.viewport().h();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.setFill(Palette.fx(NodeColors.background(dark)));
        gc.fillRect(0, 0, w * pixelRatio, h * pixelRatio);
        if (layout == null) {
            return;
        }
        gc.setTransform(scale * pixelRatio, 0, 0, scale * pixelRatio, tx * pixelRatio, ty * pixelRatio);
        double x0 = -tx / scale;
        double y0 = -ty / scale;
        double x1 = x0 + w / scale;
        double y1 = y0 + h / scale;
        String selectedBlock =
                highlight.selected() != null && highlight.selected().startsWith(VisibleGraph.BLOCK_ID_PREFIX)
                        ? highlight.selected().substring(VisibleGraph.BLOCK_ID_PREFIX.length())
                        : null;

        Color edge = Palette.fx(NodeColors.edge(dark));
        Color accent = Palette.fx(NodeColors.selection(dark));
        gc.setLineDashes();
        for (GraphLayout.Route r : layout.edges()) {
            if (r.maxY() < y0 || r.minY() > y1 || r.maxX() < x0 || r.minX() > x1) {
                continue;
            }
            boolean touches = highlight.selected() != null
                    && (highlight.selected().equals(r.edge().from())
                            || highlight.selected().equals(r.edge().to()));
            gc.setStroke(touches ? accent : edge);
            gc.setLineWidth(touches ? 2.2 : 1.3);
            gc.beginPath();
            gc.moveTo(r.xs()[0], r.ys()[0]);
            for (int i = 1; i < r.xs().length; i++) {
                double mid = (r.ys()[i - 1] + r.ys()[i]) / 2;
                gc.bezierCurveTo(r.xs()[i - 1], mid, r.xs()[i], mid, r.xs()[i], r.ys()[i]);
            }
            gc.stroke();
            drawArrowHead(gc, r.xs()[r.xs().length - 1], r.ys()[r.ys().length - 1], touches ? accent : edge);
        }
        if (scale >= EDGE_LABEL_MIN_SCALE) {
            gc.setFont(EDGE_LABEL);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setTextBaseline(VPos.BASELINE);
            gc.setFill(Palette.fx(NodeColors.mutedText(dark)));
            // a halo in the background colour keeps a label readable where it crosses an edge
            gc.setStroke(Palette.fx(NodeColors.background(dark)));
            gc.setLineWidth(3);
            for (EdgeLabels.Label l : edgeLabels) {
                if (l.y() >= y0 && l.y() - 12 <= y1 && l.x() <= x1 && l.x() + 80 >= x0) {
                    gc.strokeText(l.text(), l.x(), l.y());
                    gc.fillText(l.text(), l.x(), l.y());
                }
            }
        }
        for (GraphLayout.Box b : layout.nodes()) {
            if (b.bottom() + STACK_OFFSET * 2 < y0
                    || b.y() > y1
                    || b.x() + b.width() + STACK_OFFSET * 2 < x0
                    || b.x() > x1) {
                continue;
            }
            paintBox(gc, b, scale, dark, highlight, selectedBlock, accent);
        }
    }

    private static void drawArrowHead(GraphicsContext gc, double x, double y, Color color) {
        gc.setFill(color);
        gc.fillPolygon(new double[] {x - 3.5, x + 3.5, x}, new double[] {y - 6, y - 6, y}, 3);
    }

    private void paintBox(
            GraphicsContext gc,
            GraphLayout.Box b,
            double scale,
            boolean dark,
            Highlight highlight,
            String selectedBlock,
            Color accent) {
        VisibleGraph.Node n = b.node();
        Color fill = Palette.fx(NodeColors.fill(n.type(), n.collapsedBlock(), dark));
        Color stroke = Palette.fx(NodeColors.stroke(n.type(), n.collapsedBlock()));
        gc.setLineWidth(1.4);
        gc.setLineDashes();
        if (n.collapsedBlock()) {
            // two sheets behind the box: a stack reads as "several layers in here"
            for (int k = 2; k >= 1; k--) {
                double o = k * STACK_OFFSET;
                gc.setFill(fill);
                gc.fillRoundRect(b.x() + o, b.y() + o, b.width(), b.height(), CORNER * 2, CORNER * 2);
                gc.setStroke(stroke);
                gc.strokeRoundRect(b.x() + o, b.y() + o, b.width(), b.height(), CORNER * 2, CORNER * 2);
            }
        }
        boolean selected = n.id().equals(highlight.selected())
                || selectedBlock != null && !n.collapsedBlock() && n.block().equals(selectedBlock);
        boolean match = highlight.matches().contains(n.id());
        boolean hovered = n.id().equals(highlight.hovered());
        if (selected || match) {
            gc.setFill(accent.deriveColor(0, 1, 1, selected ? 0.35 : 0.2));
            gc.fillRoundRect(
                    b.x() - HALO, b.y() - HALO, b.width() + HALO * 2, b.height() + HALO * 2, CORNER * 3, CORNER * 3);
        }
        gc.setFill(hovered ? fill.interpolate(stroke, 0.18) : fill);
        gc.fillRoundRect(b.x(), b.y(), b.width(), b.height(), CORNER * 2, CORNER * 2);
        if (n.inPlace()) {
            gc.setLineDashes(4, 3);
        }
        gc.setStroke(selected ? accent : stroke);
        gc.setLineWidth(selected ? 2.5 : 1.4);
        gc.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), CORNER * 2, CORNER * 2);
        gc.setLineDashes();
        if (scale < TITLE_MIN_SCALE) {
            return;
        }
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        double room = b.width() - TEXT_PADDING * 2;
        gc.setFill(Palette.fx(NodeColors.text(dark)));
        gc.setFont(TITLE);
        boolean twoLines = scale >= SUBTITLE_MIN_SCALE;
        gc.fillText(fit(TITLE, labels.title(n), room), b.centerX(), b.y() + b.height() * (twoLines ? 0.34 : 0.5));
        if (twoLines) {
            gc.setFont(SUBTITLE);
            gc.setFill(Palette.fx(NodeColors.mutedText(dark)));
            gc.fillText(fit(SUBTITLE, labels.subtitle(n), room), b.centerX(), b.y() + b.height() * 0.72);
        }
    }

    /** {@code s}, ellipsized to {@code width} in {@code font}; cached because panning redraws the same labels. */
    public String fit(Font font, String s, double width) {
        Map<String, String> cache = fitted.computeIfAbsent(font, f -> new HashMap<>());
        String key = s + '\u0000' + (int) width;
        String hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        measure.setFont(font);
        String out = s;
        if (width(s) > width) {
            int keep = s.length();
            while (keep > 1 && width(s.substring(0, keep) + "…") > width) {
                keep--;
            }
            out = s.substring(0, keep) + "…";
        }
        cache.put(key, out);
        return out;
    }

    private double width(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
