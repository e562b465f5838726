package io.convscope.ui.explanation;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.explain.ColorRanges;
import io.convscope.explain.Decimals;
import io.convscope.explain.GridPosition;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.explain.views.ConvolutionExplanation;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import io.convscope.ui.ConvScopeApp;
import io.convscope.ui.PointerEvents;
import io.convscope.ui.common.MatrixGrid;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explanation.formula.ConvolutionFormulaPanel;
import javafx.animation.Animation;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.ActionEvent;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convolution elastic view (§2.8) and its formula panel (§2.9) on the bundled Tiny VGG and coffee.png. */
class ConvolutionViewTest {

    static final ResourceBundle TEXT = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
    static ActivationSnapshot snapshot;
    static ColorRanges ranges;
    static Stage stage;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        snapshot = model.compiled().forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
        ranges = ColorRanges.of(snapshot);
        FxToolkit.registerPrimaryStage();
        stage = WaitForAsyncUtils.asyncFx(() -> {
                    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                    Stage s = new Stage();
                    s.setX(0);
                    s.setY(0);
                    return s;
                })
                .get();
    }

    @AfterAll
    static void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
    }

    static void showInStage(Node content) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    StackPane root = new StackPane(content);
                    root.setStyle("-fx-background-color: #f4f5f7;");
                    Scene scene = new Scene(root, 1440, 900);
                    scene.getStylesheets()
                            .add(ConvScopeApp.class
                                    .getResource(Palette.STYLESHEET)
                                    .toExternalForm());
                    stage.setScene(scene);
                    stage.show();
                    stage.toFront();
                })
                .get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        var shot =
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve(name).toFile());
    }

    @Test
    void elasticViewShowsIntermediatesKernelsAndReportsChoices() throws Exception {
        int layer = snapshot.network().indexOf("conv_1_2");
        assertEquals(3, layer);
        double inputRange = ranges.range(RangeMode.UNIT, layer - 1);
        double outputRange = ranges.range(RangeMode.UNIT, layer);
        ConvolutionView view =
                WaitForAsyncUtils.asyncFx(() -> new ConvolutionView(TEXT)).get();
        showInStage(view);
        WaitForAsyncUtils.asyncFx(() -> view.show(snapshot, layer, 3, inputRange, outputRange))
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.isSliding(), "the sliding kernel starts on its own");
        Bounds header = WaitForAsyncUtils.asyncFx(
                        () -> view.lookup("#conv-header-input").getBoundsInParent())
                .get();
        assertTrue(header.getMinX() >= 0, "the input column's header starts inside the view: " + header);

        ConvolutionExplanation e = view.explanation();
        assertEquals(10, e.inputChannels());
        double range = view.sharedRange();
        assertEquals(Math.max(inputRange, outputRange), range, 1e-12);
        for (int c : new int[] {0, 4, 9}) {
            float[][] inter = e.intermediate(c);
            for (int[] yx : new int[][] {{0, 0}, {17, 41}, {59, 59}}) {
                assertEquals(
                        ValueColors.activation(inter[yx[0]][yx[1]], range),
                        view.intermediateArgb(c, yx[1], yx[0]),
                        "intermediate " + c + " at " + yx[0] + "," + yx[1]);
            }
        }
        float[][] activation = snapshot.layer(layer).channel(3);
        for (int y = 0; y < activation.length; y += 7) {
            for (int x = 0; x < activation[y].length; x += 5) {
                double sum = e.bias();
                for (int c = 0; c < e.inputChannels(); c++) {
                    sum += e.intermediate(c)[y][x];
                }
                assertEquals(activation[y][x], sum, 1e-5, "Σ intermediates + bias at " + y + "," + x);
            }
        }
        assertEquals(ValueColors.activation(activation[30][12], range), view.outputArgb(12, 30));

        AtomicInteger chosen = new AtomicInteger(-1);
        WaitForAsyncUtils.asyncFx(() -> view.setOnChannelChosen(chosen::set)).get();
        robot.clickOn("#conv-intermediate-4", MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, chosen.get());
        robot.clickOn("#conv-input-7", MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7, chosen.get());

        robot.moveTo("#conv-kernel-2");
        WaitForAsyncUtils.waitForFxEvents();
        String readout = view.readoutProperty().get();
        assertTrue(readout.startsWith("Kernel weights: ["), readout);
        float[][] k = e.kernel(2);
        assertTrue(readout.contains(Decimals.kernel(k)), readout);
        assertTrue(readout.contains(String.format(Locale.ROOT, "%.2f", k[1][1]).replace("-0.00", "0.00")), readout);

        // The 10 s pass may be over on a slow machine; checking and replaying in one FX pulse leaves a full
        // pass for the click below (checking from the test thread raced with the animation's end).
        boolean replayed = WaitForAsyncUtils.asyncFx(() -> {
                    if (view.isSliding()) {
                        return false;
                    }
                    ((Button) view.lookup("#conv-skip")).fire();
                    return true;
                })
                .get();
        if (replayed) {
            assertTrue(WaitForAsyncUtils.asyncFx(view::isSliding).get(), "replay restarts the animation");
        }
        robot.clickOn("#conv-skip", MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.isSliding(), "skip ends the animation");
        assertEquals(25, view.slideStep());
        robot.moveTo("#conv-kernel-2");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("component-conv-view.png");
    }

    @Test
    void formulaPanelStepsThroughTheKernelMath() throws Exception {
        ConvolutionFormulaPanel panel = WaitForAsyncUtils.asyncFx(() -> new ConvolutionFormulaPanel(TEXT, () -> {}))
                .get();
        showInStage(panel);
        checkPanel(panel, 1, 0, 1);
        checkPanel(panel, 3, 3, 7);
        screenshot("component-conv-formula.png");
        WaitForAsyncUtils.asyncFx(() -> panel.setVisible(false)).get();
        assertFalse(WaitForAsyncUtils.asyncFx(panel::isPlaying).get(), "a hidden panel stops");
    }

    private void checkPanel(ConvolutionFormulaPanel panel, int layer, int neuron, int channel) throws Exception {
        double inputRange = ranges.range(RangeMode.UNIT, layer - 1);
        double outputRange = ranges.range(RangeMode.UNIT, layer);
        WaitForAsyncUtils.asyncFx(() -> panel.show(snapshot, layer, neuron, channel, inputRange, outputRange))
                .get();
        ConvolutionExplanation e = new ConvolutionExplanation(snapshot, layer, neuron);
        // It plays by itself: one tick of its own clock (what a 250 ms key frame does) moves it one position on.
        String[] compared = WaitForAsyncUtils.asyncFx(() -> {
                    assertTrue(panel.isPlaying(), "it plays as it opens");
                    int before = panel.step();
                    tick(panel.clock());
                    tick(panel.clock());
                    assertEquals(before + 2, panel.step(), "each tick of its clock steps the window once");
                    GridPosition p = e.position(panel.step());
                    return new String[] {
                        panel.arithmeticText(), e.step(channel, p.y(), p.x()).arithmetic()
                    };
                })
                .get();
        assertEquals(compared[1], compared[0]);
        assertTrue(panel.step() > 0, "it advanced on its own clock");

        // Hover output cell (2 rows, 3 columns into the visible window): jumps there and pauses.
        int expected = WaitForAsyncUtils.asyncFx(() -> {
                    MatrixGrid out = panel.outputGrid();
                    GridPosition p = panel.position();
                    int firstRow = Math.max(
                            0, Math.min(out.rows() - MatrixGrid.MAX_VISIBLE, p.y() - MatrixGrid.MAX_VISIBLE / 2));
                    int firstCol = Math.max(
                            0, Math.min(out.cols() - MatrixGrid.MAX_VISIBLE, p.x() - MatrixGrid.MAX_VISIBLE / 2));
                    double cell = out.cellSize();
                    double lx = 3.5 * cell;
                    double ly = 2.5 * cell;
                    var screen = out.localToScreen(lx, ly);
                    var scene = out.localToScene(lx, ly);
                    // x, y of this constructor are scene coordinates: fireEvent maps them into the grid.
                    out.fireEvent(PointerEvents.moved(scene.getX(), scene.getY(), screen.getX(), screen.getY()));
                    return (firstRow + 2) * out.cols() + firstCol + 3;
                })
                .get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(panel.isPlaying(), "hovering pauses");
        assertEquals(expected, panel.step());
        WaitForAsyncUtils.waitForFxEvents(); // whatever the hover queued has run: nothing restarts the clock
        assertEquals(
                Animation.Status.PAUSED,
                WaitForAsyncUtils.asyncFx(() -> panel.clock().getStatus()).get(),
                "paused: its clock fires no more steps");
        assertEquals(expected, panel.step(), "paused stays put");
        GridPosition p = e.position(expected);
        assertEquals(e.step(channel, p.y(), p.x()).arithmetic(), panel.arithmeticText());
    }

    /** Runs one step of an animation's clock: its key frame's action, as the pulse that reaches it would. */
    static void tick(Timeline clock) {
        clock.getKeyFrames().get(0).getOnFinished().handle(new ActionEvent());
    }

    /** A depthwise neuron (Xception's separable convolutions) reads one input channel, shown by its own number. */
    @Test
    void depthwiseNeuronShowsTheOneChannelItReads() throws Exception {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(4)
                .list()
                .layer(new SeparableConvolution2D.Builder(3, 3)
                        .name("sep")
                        .nOut(4)
                        .depthMultiplier(2)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder()
                        .name("out")
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(20, 20, 3))
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        var compiled = Dl4jCompiler.compile(net, new Shape(3, 20, 20), List.of("a", "b"), "separable");
        float[] x = new float[3 * 20 * 20];
        Random rng = new Random(8);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        ActivationSnapshot s = compiled.forward(x);
        int layer = s.network().indexOf("sep_depthwise");
        ConvolutionView view =
                WaitForAsyncUtils.asyncFx(() -> new ConvolutionView(TEXT)).get();
        showInStage(view);
        WaitForAsyncUtils.asyncFx(() -> view.show(s, layer, 5, 1, 1)).get();
        WaitForAsyncUtils.waitForFxEvents();
        String subtitle = ((Label) view.lookup("#conv-subtitle")).getText();
        assertTrue(subtitle.contains("depthwise") && subtitle.contains("channel #2"), subtitle);
        assertTrue(view.lookup("#conv-input-0") != null && view.lookup("#conv-input-1") == null, "one input row");
        assertEquals(
                TEXT.getString("conv.note.output.depthwise"),
                ((Label) view.lookup("#conv-note-output")).getText(),
                "no sum of channels claimed");
        assertTrue(
                robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> "#2".equals(l.getText())),
                "the row carries input channel #2's number");
        ConvolutionFormulaPanel panel = WaitForAsyncUtils.asyncFx(() -> new ConvolutionFormulaPanel(TEXT, () -> {}))
                .get();
        showInStage(panel);
        WaitForAsyncUtils.asyncFx(() -> panel.show(s, layer, 5, 0, 1, 1)).get();
        String title = ((Label) panel.lookup("#conv-formula-input-title")).getText();
        assertTrue(title.contains("#2"), title);
        WaitForAsyncUtils.asyncFx(() -> panel.setPlaying(false)).get();
    }

    /** A panel's grid reused for a smaller layer: it was left scrolled to row 49 of 62 and drew past 30 rows. */
    @Test
    void gridScrolledOverLargeDataTakesSmallerData() throws Exception {
        int[] shown = WaitForAsyncUtils.asyncFx(() -> {
                    MatrixGrid grid = new MatrixGrid(200);
                    grid.setData(new float[62][62], v -> 0xFF000000);
                    grid.setHighlight(49, 49, 2, 2);
                    grid.setData(new float[30][30], v -> 0xFF000000);
                    return new int[] {grid.rows(), grid.visibleRows()};
                })
                .get(10, TimeUnit.SECONDS);
        assertEquals(30, shown[0]);
        assertEquals(Math.min(30, MatrixGrid.MAX_VISIBLE), shown[1]);
    }
    /**
     * Negative numbers ran together in the formula grids ("-0.31-0.93-1.04-0.58"): at 11 cells in 264 pixels a cell is
     * 24 pixels wide and "-0.31" in the 10-pixel font is wider. Every printed number must fit its cell, still say the
     * value to the decimals it keeps, and the tooltip must carry the exact value.
     */
    @Test
    void negativeNumbersFitTheirCells() throws Exception {
        float[][] negatives = new float[11][11];
        float[] row = {-0.31f, -0.93f, -1.04f, -0.58f, -12.35f, 0.27f, -0.005f, 3.5f, -0.8f, -2.71f, -0.44f};
        for (float[] r : negatives) {
            System.arraycopy(row, 0, r, 0, row.length);
        }
        int layer = snapshot.network().indexOf("conv_1_2");
        ConvolutionFormulaPanel panel = WaitForAsyncUtils.asyncFx(() -> {
                    ConvolutionFormulaPanel p = new ConvolutionFormulaPanel(TEXT, () -> {});
                    p.show(
                            snapshot,
                            layer,
                            1,
                            0,
                            ranges.range(RangeMode.UNIT, layer - 1),
                            ranges.range(RangeMode.UNIT, layer));
                    p.setPlaying(false);
                    return p;
                })
                .get(10, TimeUnit.SECONDS);
        showInStage(panel);
        String problems = WaitForAsyncUtils.asyncFx(() -> {
                    MatrixGrid synthetic = new MatrixGrid(ConvolutionFormulaPanel.GRID_SIZE);
                    synthetic.setData(negatives, v -> 0xFFFFFFFF);
                    double room = synthetic.cellSize() - 2 * MatrixGrid.TEXT_MARGIN;
                    StringBuilder out = new StringBuilder();
                    if (synthetic.textWidth("-0.31", MatrixGrid.CELL_FONT) <= room) {
                        out.append("the old 10 px text would fit: the test proves nothing; ");
                    }
                    for (MatrixGrid grid : List.of(synthetic, panel.inputGrid(), panel.outputGrid())) {
                        for (int y = 0; y < grid.visibleRows(); y++) {
                            for (int x = 0; x < grid.visibleCols(); x++) {
                                MatrixGrid.CellText t = grid.cellText(y, x);
                                float v = grid.value(y, x);
                                if (t == null) {
                                    out.append("no number for ").append(v).append("; ");
                                    continue;
                                }
                                double w = grid.textWidth(t.text(), t.font());
                                int decimals = t.text().contains(".")
                                        ? t.text().length() - t.text().indexOf('.') - 1
                                        : 0;
                                if (w > grid.cellSize() - 2 * MatrixGrid.TEXT_MARGIN) {
                                    out.append(t.text())
                                            .append(" is ")
                                            .append(w)
                                            .append(" px wide in a ")
                                            .append(grid.cellSize())
                                            .append(" px cell; ");
                                }
                                if (!t.text().equals(MatrixGrid.format(v, decimals))) {
                                    out.append(t.text())
                                            .append(" does not print ")
                                            .append(v)
                                            .append("; ");
                                }
                                if (Math.abs(v) < 10 && decimals < 1) {
                                    out.append(t.text()).append(" lost every decimal; ");
                                }
                            }
                        }
                    }
                    return out.toString();
                })
                .get(10, TimeUnit.SECONDS);
        assertEquals("", problems);
        screenshot("conv-formula-negatives.png");
    }
}
