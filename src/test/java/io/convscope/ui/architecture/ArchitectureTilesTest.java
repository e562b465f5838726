package io.convscope.ui.architecture;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.explain.graph.EdgeLabels;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.LayeredLayout;
import io.convscope.explain.graph.LayoutMetrics;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.explain.graph.VisibleGraph;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.ui.AppWindowTest;
import io.convscope.ui.PointerEvents;
import io.convscope.ui.architecture.graph.ArchitectureView;
import io.convscope.ui.architecture.paint.ArchitectureFrame;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import io.convscope.ui.explanation.flatten.FlattenViewTest;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture view's tiles: a frame made of tiles looks like the same frame drawn directly, and every change
 * of what the tiles show (selection, hover, search, a block folded, theme, zoom) reaches the pixels.
 */
class ArchitectureTilesTest {

    /**
     * Curves cut at a tile's edge are flattened from other floating-point coordinates, so a few antialiased pixels
     * along edges differ slightly from the direct drawing (measured: at most 43 levels, about 0.1 % of the pixels).
     */
    static final int CURVE_TOLERANCE = 64;

    static final double MAX_DIFFERING_SHARE = 0.005;

    static ArchitectureView view;
    static ArchitecturePainter painter;
    static ArchitectureGraph graph;
    static NodeLabels labels;
    static Stage stage;

    @BeforeAll
    static void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        ResourceBundle text = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
        labels = new NodeLabels(text.getString("architecture.block.layers"));
        graph = ArchitecturePresets.find("inception-resnet-v1").orElseThrow().graph();
        painter = onFx(() -> new ArchitecturePainter(labels));
        view = onFx(() -> new ArchitectureView(painter, false));
        stage = FlattenViewTest.showInStage(new StackPane(view));
        onFx(() -> {
            view.show(LayeredLayout.of(VisibleGraph.expanded(graph), labels, LayoutMetrics.DEFAULT), null, null);
            view.applyCss();
            view.layout();
            view.fitTop();
            view.zoomAt(1 / view.scale(), 0, 0); // 100 %: every label drawn
            return null;
        });
    }

    @AfterAll
    static void close() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }

    /** Waits until the view's frame comes from tiles again (they are filled in once it is still). */
    static void awaitTiles() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(view::showsTiles));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static int[] pixels(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    static int[] shown() throws Exception {
        return pixels(onFx(() -> view.snapshot(new SnapshotParameters(), null)));
    }

    /** The same frame painted directly, as the view did before it had tiles. */
    static int[] direct(boolean dark) throws Exception {
        return pixels(onFx(() -> {
            Canvas c = new Canvas(view.getWidth(), view.getHeight());
            GraphLayout l = view.layoutShown();
            double[] t = view.translation();
            painter.paint(
                    c.getGraphicsContext2D(),
                    new ArchitectureFrame(
                            l,
                            EdgeLabels.of(l),
                            dark,
                            view.highlightShown(),
                            new ArchitectureFrame.Viewport(view.scale(), t[0], t[1], c.getWidth(), c.getHeight())));
            return c.snapshot(new SnapshotParameters(), null);
        }));
    }

    static void assertLooksDirect(boolean dark, String what) throws Exception {
        awaitTiles();
        int[] a = shown();
        int[] b = direct(dark);
        assertEquals(b.length, a.length);
        int differing = 0;
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            int d = 0;
            for (int s = 0; s < 24; s += 8) {
                d = Math.max(d, Math.abs(((a[i] >> s) & 0xFF) - ((b[i] >> s) & 0xFF)));
            }
            if (d > 2) {
                differing++;
            }
            worst = Math.max(worst, d);
        }
        assertTrue(worst <= CURVE_TOLERANCE, what + ": a pixel differs by " + worst);
        assertTrue(differing <= a.length * MAX_DIFFERING_SHARE, what + ": " + differing + " pixels differ");
    }

    /** Pixel (x, y) of the view as shown. */
    static int at(int[] pixels, double x, double y) throws Exception {
        return pixels[(int) y * (int) onFx(view::getWidth).doubleValue() + (int) x];
    }

    /** The on-screen box nearest to the view's point (x, y). */
    static GraphLayout.Box boxNear(double x, double y) throws Exception {
        return onFx(() -> {
            GraphLayout.Box best = null;
            double d = Double.MAX_VALUE;
            for (GraphLayout.Box b : view.layoutShown().nodes()) {
                double[] p = view.screenPosition(b.node().id());
                double dd = Math.hypot(p[0] - x, p[1] - y);
                if (dd < d) {
                    d = dd;
                    best = b;
                }
            }
            return best;
        });
    }

    @Test
    void panningShowsTilesThatLookLikeTheDirectDrawingAndSelectionHoverAndSearchRepaintThem() throws Exception {
        onFx(() -> {
            for (int i = 0; i < 40; i++) {
                view.panBy(0, -24);
            }
            view.panBy(-0.5, -7.25); // a sub-pixel phase
            return null;
        });
        assertLooksDirect(false, "after panning");
        onFx(() -> {
            view.panBy(0, 24); // paints the rows above ahead of the pan
            view.panBy(0, -24);
            return null;
        });
        long painted = onFx(view::tilesPainted);
        onFx(() -> {
            view.panBy(0, 24);
            view.panBy(0, -24);
            return null;
        });
        assertTrue(onFx(view::showsTiles), "panning back and forth keeps showing tiles");
        assertEquals(painted, onFx(view::tilesPainted), "and paints none: they are kept");

        GraphLayout.Box box = boxNear(720, 450);
        double[] centre = onFx(() -> view.screenPosition(box.node().id()));
        double outlineY = centre[1] - box.height() / 2 * onFx(view::scale);
        int before = at(shown(), centre[0], outlineY);
        onFx(() -> {
            view.selectedProperty().set(box.node().id());
            return null;
        });
        assertNotEquals(before, at(shown(), centre[0], outlineY), "the selected box's outline is in the accent colour");
        assertLooksDirect(false, "after selecting");

        GraphLayout.Box other = boxNear(300, 250);
        double[] p = onFx(() -> view.screenPosition(other.node().id()));
        double inside = p[0] + other.width() / 2 * onFx(view::scale) - 5; // in the box, right of any text
        int unhovered = at(shown(), inside, p[1]);
        onFx(() -> {
            Event.fireEvent(view, PointerEvents.moved(p[0], p[1], 0, 0));
            return null;
        });
        assertNotEquals(unhovered, at(shown(), inside, p[1]), "the hovered box is tinted");
        assertLooksDirect(false, "after hovering");

        onFx(() -> view.searchNext("batch"));
        assertLooksDirect(false, "after a search");
        // once the view is still for a moment the patches are folded into the tiles: checked in the same call
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !onFx(view::showsPatches));
        GraphLayout.Box middle = boxNear(720, 450); // the search moved the view
        double[] m = onFx(() -> view.screenPosition(middle.node().id()));
        assertTrue(
                onFx(() -> {
                    Event.fireEvent(view, PointerEvents.moved(m[0], m[1], 0, 0));
                    return view.showsPatches();
                }),
                "a hover is drawn over the tiles at once");
        onFx(() -> {
            view.searchNext("");
            view.selectedProperty()
                    .set(VisibleGraph.BLOCK_ID_PREFIX + box.node().block());
            return null;
        });
        assertLooksDirect(false, "after selecting a whole block");
        assertFalse(
                onFx(() -> {
                    view.selectedProperty().set(box.node().id());
                    view.panBy(0, -24);
                    return view.showsPatches();
                }),
                "a pan repaints the tiles under them instead");
        assertLooksDirect(false, "panning with a box selected");
        onFx(() -> {
            view.selectedProperty().set(other.node().id());
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !onFx(view::showsPatches));
        assertLooksDirect(false, "once still, the tiles are repainted and the patches go");
    }

    @Test
    void zoomThemeAndFoldingRedrawEverything() throws Exception {
        assertFalse(
                onFx(() -> {
                    view.zoomAt(0.6, 400, 300);
                    return view.showsTiles(); // in the same call: the tiles are filled in once the view is still
                }),
                "a zoom is drawn directly at once");
        assertLooksDirect(false, "after zooming out");
        onFx(() -> {
            view.zoomAt(2.5, 700, 500);
            view.panBy(-37, 11);
            return null;
        });
        assertLooksDirect(false, "after zooming in");

        onFx(() -> {
            view.dark(true);
            return null;
        });
        assertLooksDirect(true, "dark theme");
        onFx(() -> {
            view.dark(false);
            return null;
        });
        assertLooksDirect(false, "light theme again");

        String block = VisibleGraph.collapsibleBlocks(graph).get(0);
        onFx(() -> {
            view.show(
                    LayeredLayout.of(VisibleGraph.of(graph, Set.of(block)), labels, LayoutMetrics.DEFAULT), null, null);
            return null;
        });
        assertLooksDirect(false, "a block folded");
        onFx(() -> {
            view.fit();
            return null;
        });
        assertLooksDirect(false, "fit");

        Files.createDirectories(AppWindowTest.SCREENSHOTS);
        onFx(() -> {
            view.select(view.layoutShown()
                    .nodes()
                    .get(view.layoutShown().nodes().size() / 2)
                    .node()
                    .id());
            view.panBy(-150, -300);
            return null;
        });
        awaitTiles();
        ImageIO.write(
                SwingFXUtils.fromFXImage(onFx(() -> view.snapshot(new SnapshotParameters(), null)), null),
                "png",
                AppWindowTest.SCREENSHOTS
                        .resolve("architecture-tiles-panned.png")
                        .toFile());
    }
}
