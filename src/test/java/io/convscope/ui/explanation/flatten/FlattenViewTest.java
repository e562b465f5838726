package io.convscope.ui.explanation.flatten;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.explain.ColorRanges;
import io.convscope.explain.RangeMode;
import io.convscope.explain.ValueColors;
import io.convscope.explain.views.FlattenExplanation;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.AppWindowTest;
import io.convscope.ui.ConvScopeApp;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explanation.SoftmaxPanel;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flatten view and the softmax panel for the bundled Tiny VGG on coffee.png, class espresso. */
public class FlattenViewTest {

    static final int ESPRESSO = 6;
    static final int ORANGE = 8;
    static final int POOL = 10;
    static final int OUTPUT = 12;

    static ActivationSnapshot snapshot;
    static ResourceBundle text;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void load() throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        snapshot = model.compiled().forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
        text = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);
        FxToolkit.registerPrimaryStage();
    }

    public static Stage showInStage(Parent root) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                    Scene scene = new Scene(root, 1440, 900);
                    scene.getStylesheets()
                            .add(ConvScopeApp.class
                                    .getResource(Palette.STYLESHEET)
                                    .toExternalForm());
                    Stage stage = new Stage();
                    stage.setX(0);
                    stage.setY(0);
                    stage.setScene(scene);
                    stage.show();
                    return stage;
                })
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * The sum line's printed products and bias add up to its printed logit, which is the engine's logit rounded
     * ("5.95 + (-0.11) = 5.8421" did not add up: issue 12, item 9).
     */
    public static void assertSumAddsUp(String sumText, float logit) {
        Matcher m = Pattern.compile("(-?[0-9.]+) \\+ \\(?(-?[0-9.]+)\\)? = (-?[0-9.]+)$")
                .matcher(sumText);
        assertTrue(m.find(), sumText);
        BigDecimal total = new BigDecimal(m.group(3));
        assertEquals(
                0, new BigDecimal(m.group(1)).add(new BigDecimal(m.group(2))).compareTo(total), sumText);
        assertEquals(
                0,
                BigDecimal.valueOf(logit)
                        .setScale(total.scale(), RoundingMode.HALF_UP)
                        .compareTo(total),
                sumText);
    }

    public static void screenshot(Scene scene, String name) throws Exception {
        Files.createDirectories(AppWindowTest.SCREENSHOTS);
        WaitForAsyncUtils.waitForFxEvents();
        var shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot, null),
                "png",
                AppWindowTest.SCREENSHOTS.resolve(name).toFile());
    }

    /** The centre of the node's box on the screen, measured on the FX thread (JavaFX text is not thread-safe). */
    static Point2D centreOnScreen(Node n) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    Bounds b = n.localToScreen(n.getBoundsInLocal());
                    return new Point2D(b.getCenterX(), b.getCenterY());
                })
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void flattenViewAddsUpTheEspressoLogit() throws Exception {
        double mapRange = ColorRanges.of(snapshot).range(RangeMode.UNIT, POOL);
        AtomicInteger chosen = new AtomicInteger();
        FlattenView view = WaitForAsyncUtils.asyncFx(() -> {
                    FlattenView v = new FlattenView(text);
                    v.show(snapshot, OUTPUT, ESPRESSO, mapRange);
                    v.setOnSoftmaxChosen(chosen::incrementAndGet);
                    return v;
                })
                .get(10, TimeUnit.SECONDS);
        Stage stage = showInStage(view);
        WaitForAsyncUtils.waitForFxEvents();

        assertSumAddsUp(view.sumText(), snapshot.logit(ESPRESSO));

        FlattenExplanation e = new FlattenExplanation(snapshot, OUTPUT, ESPRESSO);
        float[] weights = e.weights();
        float[] vector = e.vector();
        double range = e.weightRange();
        float[] products = e.products();
        int index = 0; // the element that adds the most to the logit, so the readout has something to say
        for (int i = 1; i < products.length; i++) {
            if (Math.abs(products[i]) > Math.abs(products[index])) {
                index = i;
            }
        }
        // Channel-major: element c·169 + y·13 + x comes from max_pool_2 #c (y, x).
        int c = index / 169;
        int cy = index % 169 / 13;
        int cx = index % 13;
        int expected = ValueColors.weight(weights[index], range, ValueColors.DENSE_GAP);
        assertEquals(expected, view.stripArgb(index));

        // Where the student sees element `index`: its channel's column, its row.
        Node strip = stage.getScene().lookup("#flatten-strip");
        int channel = index / 169;
        double x = channel * FlattenColumns.CHANNEL_PITCH + FlattenColumns.CHANNEL_PITCH / 2;
        double y = (index % 169 + 0.5) * FlattenColumns.ROW_HEIGHT;
        // What is drawn there is the weight's colour.
        var drawn =
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        Point2D inScene = strip.localToScene(x, y);
        assertEquals(expected, drawn.getPixelReader().getArgb((int) inScene.getX(), (int) inScene.getY()));

        robot.moveTo(strip.localToScreen(x, y));
        WaitForAsyncUtils.waitForFxEvents();
        float value = snapshot.layer(POOL).value(c, cy, cx);
        assertEquals(vector[index], value);
        String readout = view.readoutProperty().get();
        assertTrue(
                readout.startsWith("max_pool_2 #" + c + " (" + cy + ", " + cx + "): value "
                        + String.format(Locale.ROOT, "%.2f", value) + " \u00d7 weight "),
                readout);
        assertTrue(
                readout.endsWith(String.format(Locale.ROOT, "weight %.4f = %.4f", weights[index], products[index])),
                readout);
        screenshot(stage.getScene(), "component-flatten-view.png");

        Node softmax = stage.getScene().lookup("#flatten-softmax");
        robot.moveTo(centreOnScreen(softmax)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, chosen.get());
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }

    @Test
    void softmaxPanelLinksCirclesAndTerms() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        SoftmaxPanel panel = WaitForAsyncUtils.asyncFx(() -> {
                    SoftmaxPanel p = new SoftmaxPanel(text, closed::incrementAndGet);
                    p.show(snapshot, ESPRESSO);
                    return p;
                })
                .get(10, TimeUnit.SECONDS);
        double mapRange = ColorRanges.of(snapshot).range(RangeMode.UNIT, POOL);
        StackPane root = WaitForAsyncUtils.asyncFx(() -> {
                    FlattenView flatten = new FlattenView(text);
                    flatten.show(snapshot, OUTPUT, ESPRESSO, mapRange);
                    StackPane r = new StackPane(flatten, panel);
                    StackPane.setAlignment(panel, Pos.BOTTOM_RIGHT);
                    StackPane.setMargin(panel, new Insets(0, 24, 24, 0));
                    return r;
                })
                .get();
        Stage stage = showInStage(root);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(String.format(Locale.ROOT, "%.4f", snapshot.probability(ESPRESSO)), panel.probabilityText());
        assertFalse(panel.isTermBold(ORANGE));

        Node circle = stage.getScene().lookup("#softmax-circle-" + ORANGE);
        robot.moveTo(centreOnScreen(circle));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(panel.isTermBold(ORANGE));
        assertFalse(panel.isTermBold(ESPRESSO));
        assertTrue(
                panel.readoutProperty()
                        .get()
                        .contains("Logit: " + String.format(Locale.ROOT, "%.4f", snapshot.logit(ORANGE))),
                panel.readoutProperty().get());
        screenshot(stage.getScene(), "component-softmax-view.png");

        Node term = stage.getScene().lookup("#softmax-term-2");
        robot.moveTo(centreOnScreen(term));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(panel.isCircleHighlighted(2));
        assertFalse(panel.isCircleHighlighted(ORANGE));

        Node close = stage.getScene().lookup("#softmax-close");
        robot.moveTo(centreOnScreen(close)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, closed.get());
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }

    @AfterAll
    static void closeStage() throws Exception {
        AppWindowTest.closeWindowsExcept(FxToolkit.registerPrimaryStage());
    }
}
