package io.convscope.ui;

import com.sun.management.ThreadMXBean;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.ColorRanges;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.explain.overview.OverviewEdge;
import io.convscope.explain.overview.OverviewNeuron;
import io.convscope.explain.views.ElementwiseExplanation;
import io.convscope.explain.views.PoolingExplanation;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.CostAnalysis;
import io.convscope.network.LayerActivation;
import io.convscope.ui.architecture.ArchitectureWindow;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Motion;
import io.convscope.ui.explanation.ConvolutionView;
import io.convscope.ui.explanation.SoftmaxPanel;
import io.convscope.ui.explanation.flatten.FlattenView;
import io.convscope.ui.explanation.flatten.FlattenViewTest;
import io.convscope.ui.explanation.formula.ConvolutionFormulaPanel;
import io.convscope.ui.explanation.formula.ElementwiseFormulaPanel;
import io.convscope.ui.learn.playground.HyperparameterView;
import io.convscope.ui.overview.OverviewPane;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real window, headless (Monocle), used as a student would: it opens on the espresso, shows exactly what the
 * engine computed (values and colours), reacts to the gallery, files, bad files, hovering, the scale and the theme.
 * Writes the screenshots the README and reviewers look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class AppWindowTest {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static Stage stage;
    static ConvScopeApp app;
    final FxRobot robot = new FxRobot();

    /** What starting a load may allocate on the FX thread: a task and its bindings, not a network (measured ~KB). */
    static final long MAX_FX_ALLOCATION_BYTES = 16L << 20;

    /**
     * Opens preset {@code id} in the launched window and checks that its loading (configuration, weights, compilation
     * and the first forward pass) runs off the FX thread, with latches instead of clocks: while we hold the engine
     * thread, {@code loadPreset} returns on the FX thread having allocated next to nothing (VGG-16's weights alone are
     * 550 MB) and shows the load in progress with the old network; then we hold the FX thread and the engine finishes
     * the whole load meanwhile. Then waits for its result and first frames. How long the FX thread goes without a
     * pulse during a load is measured by {@link PresetLoadPulseBenchmark}.
     */
    static void openPresetOffTheFxThread(String id, String networkName) throws Exception {
        CountDownLatch engineHeld = new CountDownLatch(1);
        CountDownLatch releaseEngine = new CountDownLatch(1);
        CountDownLatch loadDone = new CountDownLatch(1);
        CountDownLatch fxHeld = new CountDownLatch(1);
        CountDownLatch releaseFx = new CountDownLatch(1);
        app.engine().submit(() -> {
            engineHeld.countDown();
            releaseEngine.await();
            return null;
        });
        try {
            assertTrue(engineHeld.await(60, TimeUnit.SECONDS), "hang guard: the engine thread never became free");
            long[] fxAllocated = new long[1];
            boolean[] loading = new boolean[1];
            String[] name = new String[1];
            WaitForAsyncUtils.asyncFx(() -> {
                        long before = allocatedBytes();
                        app.window().loadPreset(id);
                        fxAllocated[0] = allocatedBytes() - before;
                        // Runs on the engine after everything loadPreset queued there: the load is done when it runs.
                        app.engine().submit(loadDone::countDown);
                        loading[0] = app.window().loading();
                        name[0] = shown().snapshot().network().name();
                    })
                    .get(60, TimeUnit.SECONDS);
            System.err.println(
                    "[convscope] starting the " + id + " load allocated " + fxAllocated[0] + " bytes on the FX thread");
            assertTrue(
                    fxAllocated[0] < MAX_FX_ALLOCATION_BYTES,
                    "the FX thread allocated " + fxAllocated[0] + " bytes starting the load: part of it ran there");
            assertTrue(loading[0], "the progress box shows while the load waits for the engine");
            assertFalse(
                    name[0].startsWith(networkName), "nothing of " + networkName + " is shown before the engine runs");
            Platform.runLater(() -> {
                fxHeld.countDown();
                awaitQuietly(releaseFx);
            });
            assertTrue(fxHeld.await(60, TimeUnit.SECONDS), "hang guard: the FX thread never became free");
            releaseEngine.countDown();
            assertTrue(
                    loadDone.await(300, TimeUnit.SECONDS),
                    "hang guard: the load did not finish while the FX thread was held (it needs the FX thread)");
        } finally {
            releaseEngine.countDown();
            releaseFx.countDown();
        }
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> shown() != null && shown().snapshot().network().name().startsWith(networkName));
        waitForPulses(3); // the first frames of the new overview
    }

    /** Bytes the current thread has allocated on the heap so far. */
    private static long allocatedBytes() {
        return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the FX thread has run {@code count} pulses: frames drawn, whatever time they take. */
    static void waitForPulses(int count) throws Exception {
        CountDownLatch pulses = new CountDownLatch(count);
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
            }
        };
        WaitForAsyncUtils.asyncFx(counter::start).get(60, TimeUnit.SECONDS);
        try {
            assertTrue(pulses.await(60, TimeUnit.SECONDS), "hang guard: the FX thread stopped pulsing");
        } finally {
            WaitForAsyncUtils.asyncFx(counter::stop).get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * What a screenshot could still catch moving, or null once every animation has ended: the overview's fade (back
     * to full or to faded), an explanation view's growth out of its neuron, and the output bars.
     */
    static String stillMoving() {
        MainWindow w = app.window();
        double opacity = w.overview().getOpacity();
        if (!near(opacity, 1) && !near(opacity, Motion.FADED_OPACITY)) {
            return "the overview fades (opacity " + opacity + ")";
        }
        if (stage.getScene().lookup(".explanation-layer") instanceof Pane views) {
            for (Node v : views.getChildren()) {
                if (v.isVisible() && (!near(v.getScaleX(), 1) || !near(v.getOpacity(), 1))) {
                    return v + " grows (scale " + v.getScaleX() + ", opacity " + v.getOpacity() + ")";
                }
            }
        }
        return w.overview().barsMoving() ? "the output bars move" : null;
    }

    /** Equal up to the rounding of an animation's last frame. */
    private static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-6;
    }

    @BeforeAll
    static void launch() throws Exception {
        System.setProperty("convscope.settings", "io/convscope-test");
        Preferences.userRoot().node("io/convscope-test").clear();
        Preferences.userRoot().node("io/convscope-test").put("language", "en");
        stage = FxToolkit.registerPrimaryStage();
        // Windows another test class left open would sit over ours and take the robot's clicks and keys.
        closeWindowsExcept(stage);
        app = (ConvScopeApp) FxToolkit.setupApplication(ConvScopeApp.class);
        FxToolkit.setupStage(s -> {
            s.setX(0);
            s.setY(0);
            s.setWidth(1440);
            s.setHeight(900);
        });
        waitUntil(() -> app.window().shownProperty().get() != null);
    }

    /** Closes every window but {@code keep}: a test class's own stage must not outlive it. */
    public static void closeWindowsExcept(Stage keep) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(Window.getWindows())
                        .stream().filter(w -> w != keep && w instanceof Stage).forEach(w -> ((Stage) w).close()))
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    /**
     * Esc as a student presses it. A tooltip left showing by a hover is hidden first: under Monocle a showing popup is
     * the window that receives key events, which no desktop platform does (popups never take the keyboard there).
     */
    void escape() throws Exception {
        hideTooltips();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Hides any tooltip a hover left showing: under Monocle it would take the next key or a click at its place. */
    static void hideTooltips() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                        .filter(w -> w instanceof Tooltip)
                        .toList()
                        .forEach(Window::hide))
                .get(10, TimeUnit.SECONDS);
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Shown shown() {
        return app.window().shownProperty().get();
    }

    /** The fade, the growth and the output bars have ended: waited for by their own state, not by time. */
    static void waitUntilStill(String when) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(
                    60,
                    TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(AppWindowTest::stillMoving).get() == null);
        } catch (TimeoutException e) {
            throw new AssertionError("hang guard: " + when + ", "
                    + WaitForAsyncUtils.asyncFx(AppWindowTest::stillMoving).get() + " for a minute");
        }
    }

    static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        waitUntilStill("before " + name);
        Scene scene = stage.getScene();
        var shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot, null),
                "png",
                SCREENSHOTS.resolve(name).toFile());
    }

    /** The overview column that draws network layer {@code name}. */
    static int column(String name) {
        OverviewPane overview = app.window().overview();
        int layer = shown().snapshot().network().indexOf(name);
        for (int c = 0; c < overview.columns().size(); c++) {
            if (overview.columns().get(c).layerIndex() == layer) {
                return c;
            }
        }
        throw new AssertionError("no column for " + name);
    }

    static void assertHeatmapShows(String layerName, int channel, RangeMode mode) {
        ActivationSnapshot s = shown().snapshot();
        int layer = s.network().indexOf(layerName);
        try {
            // A wide network renders only the columns in view: scroll there first, as a student would.
            WaitForAsyncUtils.asyncFx(() -> app.window().overview().revealColumn(column(layerName)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        HeatmapView view = app.window().overview().heatmap(column(layerName), channel);
        assertNotNull(view, layerName + " #" + channel + " on screen");
        LayerActivation a = s.layer(layer);
        double range = ColorRanges.of(s).range(mode, layer);
        int h = a.shape().height();
        int w = a.shape().width();
        for (int[] p : new int[][] {{0, 0}, {h / 3, w - 1}, {h - 1, w / 2}, {h - 1, w - 1}}) {
            int expected = ValueColors.activation(a.value(channel, p[0], p[1]), range);
            assertEquals(
                    Integer.toHexString(expected),
                    Integer.toHexString(view.argbAt(p[1], p[0])),
                    layerName + " #" + channel + " pixel (" + p[0] + ", " + p[1] + ")");
        }
    }

    @Test
    @Order(1)
    void opensOnCoffeeWithTheEnginesPrediction() throws Exception {
        ActivationSnapshot expected;
        try (InputStream in = getClass().getResourceAsStream("/sample-images/coffee.png")) {
            expected = ModelLoader.loadBundled()
                    .compiled()
                    .forward(ImagePreprocessor.toChw(ImagePreprocessor.resizeAndCrop(
                            ImagePreprocessor.decode(in.readAllBytes(), "coffee.png"), 64, 64)));
        }
        assertEquals("sample:coffee.png", shown().key());
        assertEquals(expected.topLabel(), shown().snapshot().topLabel());
        for (int c = 0; c < 10; c++) {
            assertEquals(expected.probability(c), shown().snapshot().probability(c), 1e-7);
        }
        Label status = (Label) stage.getScene().lookup("#status");
        assertTrue(status.getText().contains(expected.topLabel()), status.getText());
        assertTrue(stage.getTitle().startsWith(shown().title()), stage.getTitle());
    }

    @Test
    @Order(2)
    void heatmapPixelsAreTheColourScaleOfTheEnginesActivations() throws Exception {
        assertHeatmapShows("conv_1_1", 0, RangeMode.UNIT);
        assertHeatmapShows("conv_1_2", 3, RangeMode.UNIT);
        assertHeatmapShows("relu_2_1", 9, RangeMode.UNIT);
        assertHeatmapShows("max_pool_2", 5, RangeMode.UNIT);
        ActivationSnapshot s = shown().snapshot();
        HeatmapView red = app.window().overview().heatmap(0, 0);
        assertEquals(
                Integer.toHexString(ValueColors.input(s.layer(0).value(0, 10, 20))),
                Integer.toHexString(red.argbAt(20, 10)));
        screenshot("overview.png");
    }

    @Test
    @Order(3)
    void hoveringANeuronReadsItsValue() throws Exception {
        HeatmapView view = app.window().overview().heatmap(column("conv_1_1"), 2);
        robot.moveTo(view);
        WaitForAsyncUtils.waitForFxEvents();
        Label readout = (Label) stage.getScene().lookup("#readout");
        assertTrue(readout.getText().startsWith("conv_1_1 #2"), readout.getText());
        assertTrue(readout.getText().contains("activation"), readout.getText());
        assertEquals(
                new OverviewNeuron(column("conv_1_1"), 2),
                app.window().overview().hoveredProperty().get());
    }

    @Test
    @Order(3)
    void hoveringAnEdgeReadsItsKernel() throws Exception {
        OverviewPane overview = app.window().overview();
        int c = column("conv_1_2");
        var layout = overview.layoutGeometry();
        var from = layout.box(c - 1, 2, 10);
        var to = layout.box(c, 7, 10);
        double x0 = from.right();
        double x1 = to.x();
        double t = 0.25;
        double mid = (x0 + x1) / 2;
        double u = 1 - t;
        double px = x0 * u * u * u + 3 * mid * u * u * t + 3 * mid * u * t * t + x1 * t * t * t;
        double py = from.centerY() + (to.centerY() - from.centerY()) * t * t * (3 - 2 * t);
        robot.moveTo(overview.localToScreen(px, py));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new OverviewEdge(c, 2, 7), overview.hoveredEdge());
        var w = shown().snapshot().network().weights("conv_1_2");
        Label readout = (Label) stage.getScene().lookup("#readout");
        String expected = String.format(
                Locale.ROOT, "[%.2f, %.2f, %.2f; ", w.weight(7, 2, 0, 0), w.weight(7, 2, 0, 1), w.weight(7, 2, 0, 2));
        assertTrue(
                readout.getText().contains("relu_1_1 #2") && readout.getText().contains(expected), readout.getText());
    }

    @Test
    @Order(4)
    void globalScaleRecoloursEveryLayer() throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<RangeMode> mode = (ComboBox<RangeMode>) stage.getScene().lookup("#range-mode");
        WaitForAsyncUtils.asyncFx(() -> mode.setValue(RangeMode.GLOBAL)).get();
        WaitForAsyncUtils.waitForFxEvents();
        for (String layer : new String[] {"conv_1_1", "relu_1_2", "conv_2_1", "relu_2_1", "max_pool_2"}) {
            assertHeatmapShows(layer, 1, RangeMode.GLOBAL);
        }
        screenshot("overview-global.png");
        WaitForAsyncUtils.asyncFx(() -> mode.setValue(RangeMode.UNIT)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertHeatmapShows("conv_2_1", 1, RangeMode.UNIT);
    }

    @Test
    @Order(5)
    void choosingASampleShowsIt() throws Exception {
        robot.clickOn("#sample-chelsea");
        waitUntil(() -> shown().key().equals("sample:chelsea.png"));
        assertHeatmapShows("conv_2_2", 4, RangeMode.UNIT);
        ActivationSnapshot cat = shown().snapshot();
        robot.clickOn("#sample-coffee");
        waitUntil(() -> shown().key().equals("sample:coffee.png"));
        robot.clickOn("#sample-chelsea");
        waitUntil(() -> shown().key().equals("sample:chelsea.png"));
        assertSame(cat, shown().snapshot(), "switching back reuses the cached snapshot");
    }

    @Test
    @Order(6)
    void openingAFileShowsItAndABadFileKeepsTheCurrentImage(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                img.setRGB(x, y, x < 60 ? 0xFF8800 : 0x2244AA);
            }
        }
        Path file = dir.resolve("two-colours.png");
        ImageIO.write(img, "png", file.toFile());
        WaitForAsyncUtils.asyncFx(() -> app.window().showFile(file)).get();
        waitUntil(() -> shown().title().equals("two-colours.png"));
        assertHeatmapShows("conv_1_1", 7, RangeMode.UNIT);

        Path bad = dir.resolve("broken.jpg");
        Files.writeString(bad, "not an image at all");
        Shown before = shown();
        WaitForAsyncUtils.asyncFx(() -> app.window().showFile(bad)).get();
        waitUntil(() -> app.window().noticeText().contains("broken.jpg"));
        assertSame(before, shown(), "a bad file changes nothing");
    }

    @Test
    @Order(6)
    void aBrokenModelFileKeepsTheCurrentModel(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("half-model.zip");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        Shown before = shown();
        WaitForAsyncUtils.asyncFx(() -> app.window().loadModel(broken)).get();
        waitUntil(() -> app.window().noticeText().contains("half-model.zip"));
        assertTrue(
                app.window()
                        .noticeText()
                        .contains("The model could not be opened: half-model.zip is not a zip archive (or a damaged"),
                app.window().noticeText());
        assertSame(before, shown());
        robot.clickOn("#sample-horse");
        waitUntil(() -> shown().key().equals("sample:horse.png"));
        assertEquals(before.snapshot().network(), shown().snapshot().network(), "still the bundled model");
    }

    @Test
    @Order(7)
    void pastingAnImageShowsIt() throws Exception {
        BufferedImage img = new BufferedImage(90, 70, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 90; x++) {
                img.setRGB(x, y, y < 35 ? 0x33CC33 : 0xCC3333);
            }
        }
        WaitForAsyncUtils.asyncFx(() -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putImage(SwingFXUtils.toFXImage(img, null));
                    Clipboard.getSystemClipboard().setContent(content);
                })
                .get();
        robot.clickOn("#paste");
        waitUntil(() -> shown().key().startsWith("paste:"));
        assertEquals(64, shown().input().getWidth());
        assertEquals(0x33CC33, shown().input().getRGB(32, 5) & 0xFFFFFF, "top half green after resize and crop");
        assertHeatmapShows("conv_1_1", 3, RangeMode.UNIT);
    }

    @Test
    @Order(8)
    void arrowKeysMoveTheFocusRing() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> app.window().overview().requestFocus()).get();
        robot.type(KeyCode.RIGHT).type(KeyCode.DOWN).type(KeyCode.DOWN);
        assertEquals(
                new OverviewNeuron(1, 2),
                app.window().overview().focusedNeuronProperty().get());
        escape();
        assertEquals(null, app.window().overview().focusedNeuronProperty().get());
    }

    @Test
    @Order(9)
    void reluNeuronOpensItsFormulaPanelAndEscGoesBack() throws Exception {
        robot.clickOn("#sample-coffee");
        waitUntil(() -> shown().key().equals("sample:coffee.png"));
        int layer = shown().snapshot().network().indexOf("relu_1_2");
        robot.clickOn(app.window().overview().heatmap(column("relu_1_2"), 4));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.Activation(layer, 4), app.window().explanationState());
        ElementwiseFormulaPanel panel = app.window().elementwisePanel();
        assertTrue(panel.isPlaying());
        assertTrue(stage.getScene().lookup("#range-mode").isDisabled(), "controls are disabled while a view is open");
        // Hover an output cell: the panel jumps there, pauses, and prints the engine's numbers.
        MatrixGrid output = (MatrixGrid) panel.lookup("#formula-output-grid");
        double cell = output.cellSize();
        robot.moveTo(output.localToScreen(cell * 2.5, cell * 3.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!panel.isPlaying());
        var explanation = new ElementwiseExplanation(shown().snapshot(), layer, 4);
        var p = explanation.position(panel.step());
        assertEquals(explanation.step(p.y(), p.x()).formula(), panel.formulaText());
        float x = shown().snapshot().layer(layer - 1).value(4, p.y(), p.x());
        assertEquals(Math.max(0, x), shown().snapshot().layer(layer).value(4, p.y(), p.x()), 1e-6);
        screenshot("relu-view.png");
        WaitForAsyncUtils.asyncFx(() -> panel.setPlaying(true)).get();
        WaitForAsyncUtils.asyncFx(() -> stage.setIconified(true)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!panel.isPlaying(), "a minimised window animates nothing");
        WaitForAsyncUtils.asyncFx(() -> stage.setIconified(false)).get();
        WaitForAsyncUtils.waitForFxEvents();
        escape();
        assertEquals(ExplanationState.OVERVIEW, app.window().explanationState());
        assertTrue(!stage.getScene().lookup("#range-mode").isDisabled());
    }

    @Test
    @Order(10)
    void poolNeuronShowsItsWindowMaximum() throws Exception {
        int layer = shown().snapshot().network().indexOf("max_pool_1");
        robot.clickOn(app.window().overview().heatmap(column("max_pool_1"), 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.Pooling(layer, 2), app.window().explanationState());
        ElementwiseFormulaPanel panel = app.window().elementwisePanel();
        robot.clickOn("#formula-play");
        WaitForAsyncUtils.waitForFxEvents();
        var explanation = new PoolingExplanation(shown().snapshot(), layer, 2);
        // Step and formula read in one FX call: the panel's timeline must not move between the two reads.
        Object[] seen = WaitForAsyncUtils.asyncFx(() -> new Object[] {panel.step(), panel.formulaText()})
                .get(10, TimeUnit.SECONDS);
        var p = explanation.position((Integer) seen[0]);
        var step = explanation.step(p.y(), p.x());
        assertEquals(step.formula(), seen[1]);
        assertEquals(shown().snapshot().layer(layer).value(2, p.y(), p.x()), step.result(), 1e-6);
        assertTrue(panel.formulaText().startsWith("max("), panel.formulaText());
        screenshot("pool-view.png");
        // the play button's tooltip may be showing: under Monocle it would take the click meant for the close button
        hideTooltips();
        robot.clickOn("#formula-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ExplanationState.OVERVIEW, app.window().explanationState());
    }

    @Test
    @Order(11)
    void convolutionNeuronOpensTheElasticViewAndItsFormulaPanel() throws Exception {
        int layer = shown().snapshot().network().indexOf("conv_1_2");
        robot.clickOn(app.window().overview().heatmap(column("conv_1_2"), 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.Convolution(layer, 3), app.window().explanationState());
        var view = (ConvolutionView) stage.getScene().lookup("#conv-view");
        float[][] sum = view.explanation().sumOfIntermediatesPlusBias();
        assertEquals(shown().snapshot().layer(layer).value(3, 17, 23), sum[17][23], 1e-5);
        robot.clickOn("#conv-skip");
        screenshot("conv-view.png");
        robot.clickOn("#conv-intermediate-7");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                new ExplanationState.ConvolutionFormula(layer, 3, 7),
                app.window().explanationState());
        var panel = (ConvolutionFormulaPanel) stage.getScene().lookup("#conv-formula");
        WaitForAsyncUtils.asyncFx(() -> panel.setPlaying(false)).get();
        var p = panel.position();
        var step = panel.explanation().step(7, p.y(), p.x());
        assertEquals(step.arithmetic(), panel.arithmeticText());
        assertEquals(panel.explanation().intermediate(7)[p.y()][p.x()], step.sum(), 1e-5);
        screenshot("conv-formula.png");
        escape();
        assertEquals(new ExplanationState.Convolution(layer, 3), app.window().explanationState());
        // Keyboard only: focus a map and press Enter.
        WaitForAsyncUtils.asyncFx(
                        () -> stage.getScene().lookup("#conv-intermediate-2").requestFocus())
                .get();
        robot.type(KeyCode.ENTER);
        assertEquals(
                new ExplanationState.ConvolutionFormula(layer, 3, 2),
                app.window().explanationState());
        escape();
        escape();
        assertEquals(ExplanationState.OVERVIEW, app.window().explanationState());
    }

    @Test
    @Order(12)
    void outputClassOpensFlattenThenSoftmax() throws Exception {
        OverviewPane overview = app.window().overview();
        int out = overview.columns().size() - 1;
        var row = overview.layoutGeometry().box(out, 6, 10);
        robot.clickOn(overview.localToScreen(row.x() + 20, row.centerY()));
        WaitForAsyncUtils.waitForFxEvents();
        int layer = overview.columns().get(out).layerIndex();
        assertEquals(new ExplanationState.Flatten(layer, 6), app.window().explanationState());
        FlattenView flatten = (FlattenView) ancestor(stage.getScene().lookup("#flatten-strip"), FlattenView.class);
        FlattenViewTest.assertSumAddsUp(flatten.sumText(), shown().snapshot().logit(6));
        screenshot("flatten-view.png");
        robot.clickOn("#flatten-softmax");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ExplanationState.Softmax(layer, 6), app.window().explanationState());
        SoftmaxPanel softmax = (SoftmaxPanel) ancestor(stage.getScene().lookup("#softmax-close"), SoftmaxPanel.class);
        assertEquals(String.format(Locale.ROOT, "%.4f", shown().snapshot().probability(6)), softmax.probabilityText());
        robot.moveTo("#softmax-circle-8");
        screenshot("softmax-view.png");
        escape();
        assertEquals(new ExplanationState.Flatten(layer, 6), app.window().explanationState());
        escape();
        assertEquals(ExplanationState.OVERVIEW, app.window().explanationState());
    }

    static Node ancestor(Node n, Class<?> type) {
        Node p = n;
        while (p != null && !type.isInstance(p)) {
            p = p.getParent();
        }
        assertNotNull(p, type.getSimpleName() + " above " + n);
        return p;
    }

    @Test
    @Order(13)
    void darkTheme() throws Exception {
        robot.clickOn("#sample-coffee");
        waitUntil(() -> shown().key().equals("sample:coffee.png"));
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertHeatmapShows("conv_1_2", 0, RangeMode.UNIT);
        screenshot("overview-dark.png");
        robot.clickOn("#learn-toggle");
        waitUntil(() -> app.window().learnPanel().articleView() != null);
        WaitForAsyncUtils.asyncFx(() -> app.window().learnPanel().openSection("relu"))
                .get();
        screenshot("learn-dark.png");
        robot.clickOn("#learn-toggle");
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Every text run of the article, joined: what a student reads. */
    static String articleText() {
        StringBuilder sb = new StringBuilder();
        collectText(app.window().learnPanel().articleView(), sb);
        return sb.toString();
    }

    private static void collectText(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof Labeled l && l.getText() != null) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collectText(c, sb);
            }
        }
    }

    static Hyperlink link(String destination) {
        return (Hyperlink) stage.getScene().getRoot().lookupAll(".article-link").stream()
                .filter(n -> destination.equals(n.getUserData()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link to " + destination));
    }

    @Test
    @Order(14)
    void learnArticleLinksBothWaysWithTheNetwork() throws Exception {
        robot.clickOn("#sample-coffee");
        waitUntil(() -> shown().key().equals("sample:coffee.png"));
        robot.clickOn("#learn-toggle");
        waitUntil(() -> app.window().learnShown() && app.window().learnPanel().articleView() != null);
        ActivationSnapshot snap = shown().snapshot();
        // Live numbers: the first convolution's kernels worked out from the loaded model, softmax of this image.
        String article = articleText();
        assertTrue(article.contains("3 \u00d7 10 = 30 kernels"), "kernel count from the model");
        assertTrue(
                article.contains("it says espresso with "
                        + String.format(Locale.ENGLISH, "%.1f", 100 * snap.probability(snap.topClass()))
                        + " % probability"),
                "the current prediction");
        assertTrue(article.contains("discards 75 % of the activations"), "pooling arithmetic from the shapes");
        assertTrue(article.contains("into 1,690 values"), "flatten length from the model");
        var table = (GridPane) stage.getScene().lookup("#softmax-table");
        String topProbability = table.getChildren().stream()
                .filter(n -> GridPane.getRowIndex(n) == 1 && GridPane.getColumnIndex(n) == 3)
                .map(n -> ((Label) n).getText())
                .findFirst()
                .orElseThrow();
        assertEquals(String.format("%.4f", snap.probability(snap.topClass())), topProbability);

        // A layer label opens its section; a "show me" link selects the layer in the network.
        robot.clickOn(app.window().overview().columnLabel(column("conv_1_1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                "convolution",
                WaitForAsyncUtils.asyncFx(app.window().learnPanel()::currentSection)
                        .get(10, TimeUnit.SECONDS));
        screenshot("learn-en.png");
        // The playground sits in the hyperparameters section and runs while the article shows.
        WaitForAsyncUtils.asyncFx(() -> app.window().learnPanel().openSection("hyperparameters"))
                .get();
        var playground = (HyperparameterView) stage.getScene().lookup("#playground");
        assertTrue(playground.isPlaying(), "the playground animates in the article");
        screenshot("learn-hyperparameters.png");
        WaitForAsyncUtils.asyncFx(() -> app.window().learnPanel().openSection("pooling"))
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(link("layer:first-pool"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                new OverviewNeuron(column("max_pool_1"), 0),
                app.window().overview().focusedNeuronProperty().get());
        assertTrue(app.window().overview().isFocused(), "the network has the keyboard focus");

        // A view's info button opens the article where it explains that view. A tooltip the link left showing
        // would take these clicks under Monocle.
        hideTooltips();
        robot.clickOn(app.window().overview().heatmap(column("relu_1_1"), 1));
        // The ReLU view must be the one open before its info button is clicked (once in many full runs the click
        // came before it, and the pooling view's button answered).
        waitUntil(() -> app.window().explanationState() instanceof ExplanationState.Activation);
        hideTooltips();
        robot.clickOn("#formula-info");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                "relu",
                WaitForAsyncUtils.asyncFx(app.window().learnPanel()::currentSection)
                        .get(10, TimeUnit.SECONDS));
        escape();
        assertEquals(ExplanationState.OVERVIEW, app.window().explanationState());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!app.window().learnShown(), "F1 closes the article");
        assertTrue(!playground.isPlaying(), "a closed article animates nothing");
    }

    @Test
    @Order(15)
    void switchingToChineseKeepsTheImageAndTranslatesEverything() throws Exception {
        ActivationSnapshot before = shown().snapshot();
        Set<Object> englishOnly = new HashSet<>();
        ResourceBundle en = Language.ENGLISH.messages();
        ResourceBundle zh = Language.CHINESE.messages();
        for (String key : en.keySet()) {
            if (!en.getString(key).equals(zh.getString(key))) {
                englishOnly.add(en.getString(key));
            }
        }
        robot.clickOn("#language-menu");
        robot.clickOn("\u4e2d\u6587");
        waitUntil(() -> app.window().language() == Language.CHINESE && shown() != null);
        assertSame(before, shown().snapshot(), "the image and its activations are kept, not recomputed");
        assertEquals("zh", AppSettings.user().language(), "the choice is remembered");
        assertTrue(stage.getTitle().startsWith("\u610f\u5f0f\u6d53\u7f29\u5496\u5561"), stage.getTitle());
        assertEquals("\u5b66\u4e60", ((Labeled) stage.getScene().lookup("#learn-toggle")).getText());
        assertEquals(
                Language.CJK_FAMILY,
                ((Labeled) stage.getScene().lookup("#learn-toggle")).getFont().getFamily(),
                "controls use the bundled Chinese font");

        assertTrue(
                stage.getScene().getRoot().lookupAll(".class-name").stream()
                        .anyMatch(n -> "\u610f\u5f0f\u6d53\u7f29\u5496\u5561".equals(((Label) n).getText())),
                "the bundled model's classes are named in Chinese");
        robot.clickOn("#learn-toggle");
        waitUntil(() -> app.window().learnPanel().articleView() != null);
        WaitForAsyncUtils.asyncFx(() -> app.window().learnPanel().openSection("convolution"))
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        String article = articleText();
        assertTrue(article.contains("\u5377\u79ef\u6838"), "the article is in Chinese");
        screenshot("learn-zh.png");
        // No English UI string is left on screen.
        List<String> leftovers = new ArrayList<>();
        for (Node n : stage.getScene().getRoot().lookupAll("*")) {
            // Layer labels show the model's own layer names (e.g. "input"), which no language changes.
            if (n instanceof Labeled l
                    && englishOnly.contains(l.getText())
                    && !l.getStyleClass().contains("layer-label")) {
                leftovers.add(l.getText());
            }
            if (n instanceof Control c
                    && c.getTooltip() != null
                    && englishOnly.contains(c.getTooltip().getText())) {
                leftovers.add(c.getTooltip().getText());
            }
        }
        // Formula notation (∂y/∂Aₖ, αₖ · Aₖ) is the same in every language: only words count.
        leftovers.removeIf(t -> !t.matches("(?s).*[A-Za-z]{2,}.*"));
        assertTrue(leftovers.isEmpty(), "English left in the Chinese window: " + leftovers);
        robot.clickOn("#learn-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("overview-zh.png");

        robot.clickOn("#language-menu");
        robot.clickOn("English");
        waitUntil(() -> app.window().language() == Language.ENGLISH);
        assertSame(before, shown().snapshot());
        assertEquals("Learn", ((Labeled) stage.getScene().lookup("#learn-toggle")).getText());
    }

    @Test
    @Order(16)
    void theArchitectureButtonAnalysesTheModelOnShow() throws Exception {
        robot.clickOn("#architecture");
        WaitForAsyncUtils.waitForFxEvents();
        ArchitectureWindow[] window = new ArchitectureWindow[1];
        WaitForAsyncUtils.asyncFx(() -> window[0] = app.window().openArchitecture())
                .get();
        waitUntil(() -> window[0].graph() != null);
        var graph = window[0].graph();
        var cost = CostAnalysis.of(shown().snapshot().network());
        assertEquals(19_920, graph.params());
        assertEquals(cost.totalParameters(), graph.params(), "the analyzer and the network agree");
        assertEquals(5_608_780, graph.multiplyAccumulates());
        assertTrue(window[0].stage().isShowing());
        WaitForAsyncUtils.asyncFx(() -> {
                    for (Window w : new ArrayList<>(Window.getWindows())) {
                        if (w != stage && w instanceof Stage s) {
                            s.close();
                        }
                    }
                })
                .get();
    }
}
