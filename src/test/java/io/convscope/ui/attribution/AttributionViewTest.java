package io.convscope.ui.attribution;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.PresetModels;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.AttributionMap;
import io.convscope.ui.ConvScopeApp;
import io.convscope.ui.attribution.gradcam.GradCamSteps;
import io.convscope.ui.common.Palette;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attribution mode's view on the bundled Tiny VGG and coffee.png: it computes the prediction's Grad-CAM when it
 * opens, every number it shows is the engine's, a change of class recomputes, a change of language keeps everything,
 * the occlusion probe's bars are the engine's probabilities for the occluded image, and a preset's map is flagged.
 */
class AttributionViewTest {

    static final Path COFFEE = Path.of("sample-images", "coffee.png");
    static final int KOALA = 5;
    static final int PIZZA = 2;

    static LoadedModel model;
    static Inference inference;
    static Shown coffee;
    static Attribution engine;
    static float[] image;
    final FxRobot robot = new FxRobot();
    Workspace workspace;
    AttributionView view;
    EngineService service;
    Stage stage;

    @BeforeAll
    static void load() throws Exception {
        FxToolkit.registerPrimaryStage();
        model = ModelLoader.loadBundled();
        inference = new Inference(model);
        coffee = shown(inference, "coffee");
        image = coffee.snapshot().layer(0).toArray();
        engine = Attribution.of(model);
    }

    static Shown shown(Inference inf, String key) throws Exception {
        BufferedImage upright = ImageIO.read(COFFEE.toFile());
        BufferedImage input = inf.resized(upright);
        ActivationSnapshot snapshot = inf.run(COFFEE);
        return new Shown(key, "coffee.png", null, upright, input, snapshot);
    }

    @BeforeEach
    void open() throws Exception {
        stage = onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            workspace = new Workspace(Language.ENGLISH, false);
            workspace.modelProperty().set(inference);
            workspace.shownProperty().set(coffee);
            workspace.modeProperty().set(WorkspaceMode.ATTRIBUTION);
            service = EngineService.start();
            view = new AttributionView(workspace, service);
            Scene scene = new Scene(view, 1200, 800);
            scene.getStylesheets()
                    .add(ConvScopeApp.class.getResource(Palette.STYLESHEET).toExternalForm());
            Stage s = new Stage();
            s.setX(0);
            s.setY(0);
            s.setScene(scene);
            s.show();
            return s;
        });
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    @AfterAll
    static void closeAll() throws Exception {
        FxToolkit.cleanupStages();
    }

    static <T> T onFx(Callable<T> call) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    /** Waits (by a latch on the FX thread's change events) until {@code property} holds a value that passes. */
    static <T> T await(ObservableValue<T> property, Predicate<T> test) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        onFx(() -> {
            if (property.getValue() != null && test.test(property.getValue())) {
                latch.countDown();
            }
            property.addListener((o, was, now) -> {
                if (now != null && test.test(now)) {
                    latch.countDown();
                }
            });
            return null;
        });
        assertTrue(latch.await(60, TimeUnit.SECONDS), "the engine's answer arrived");
        WaitForAsyncUtils.waitForFxEvents();
        return property.getValue();
    }

    static void assertSameMap(AttributionMap expected, AttributionMap actual) {
        assertEquals(expected.method(), actual.method());
        assertEquals(expected.shape(), actual.shape());
        assertEquals(expected.target(), actual.target());
        assertEquals(expected.layer(), actual.layer());
        assertEquals(expected.logit(), actual.logit(), 1e-5);
        float[] e = expected.values();
        float[] a = actual.values();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * Math.max(1, Math.abs(e[i])), "value " + i);
        }
    }

    /** The screen point at the centre of cell (row, column) of a map drawn in {@code node} of the map's size. */
    static Point2D cellCentre(Node node, AttributionMap map, int row, int column) throws Exception {
        return onFx(() -> {
            Bounds b = node.localToScreen(node.getLayoutBounds());
            return new Point2D(
                    b.getMinX() + (column + 0.5) * b.getWidth() / map.shape().width(),
                    b.getMinY() + (row + 0.5) * b.getHeight() / map.shape().height());
        });
    }

    @Test
    void opensWithTheGradCamOfThePredictionEqualToTheEngines() throws Exception {
        AttributionResult r = await(view.resultProperty(), x -> true);
        AttributionTarget top = engine.topClass(image);
        assertEquals(coffee.snapshot().topClass(), top.index());
        assertEquals(AttributionMethod.GRAD_CAM, r.choice().method());
        int layer = engine.defaultCamLayer(top);
        assertEquals("relu_2_2", model.description().layer(layer).name());
        assertEquals(layer, r.camLayer());
        assertSameMap(engine.cam(AttributionMethod.GRAD_CAM, image, top, layer), r.map());
        String formula = onFx(() -> view.single().formulaText());
        assertTrue(
                formula.contains("1/(26 × 26)") && formula.contains("the 10 maps") && formula.contains("relu_2_2"),
                formula);
        assertTrue(
                onFx(() -> robot.from(view).lookup("#gradcam-steps").query().isVisible()), "Grad-CAM offers its steps");
        assertTrue(
                onFx(() -> robot.from(view)
                        .lookup("#attribution-random")
                        .tryQuery()
                        .isEmpty()),
                "a trained model");
    }

    @Test
    void hoveringACellReadsTheEnginesRawValue() throws Exception {
        AttributionResult r = await(view.resultProperty(), x -> true);
        AttributionMap expected = engine.cam(AttributionMethod.GRAD_CAM, image, r.target(), r.camLayer());
        int row = 0;
        int column = 0;
        for (int i = 0; i < expected.values().length; i++) {
            if (expected.values()[i] > expected.values()[row * 26 + column]) {
                row = i / 26;
                column = i % 26;
            }
        }
        Node heatmap = onFx(() -> view.single().tile().heatmap());
        robot.moveTo(cellCentre(heatmap, expected, row, column));
        MapReadout read = await(view.readoutProperty(), x -> true);
        assertEquals(row, read.row());
        assertEquals(column, read.column());
        assertEquals(r.map().values()[row * 26 + column], read.value(), "the map on screen, raw");
        assertEquals(expected.values()[row * 26 + column], read.value(), 1e-6, "the engine's value");
        String shown = onFx(
                () -> ((Label) robot.from(view).lookup("#attribution-readout").query()).getText());
        assertTrue(shown.contains("relu_2_2"), shown);

        // The gradient's max |.| plane, with each channel's signed value.
        onFx(() -> {
            view.choiceProperty().set(view.choice().withMethod(AttributionMethod.GRADIENT));
            view.refresh();
            return null;
        });
        AttributionResult g = await(view.resultProperty(), x -> x.choice().method() == AttributionMethod.GRADIENT);
        AttributionMap gradient = engine.gradient(image, g.target());
        assertSameMap(gradient, g.map());
        robot.moveTo(cellCentre(onFx(() -> view.single().tile().heatmap()), gradient, 30, 20));
        MapReadout pixel = await(view.readoutProperty(), x -> x.row() == 30 && x.column() == 20);
        assertEquals(gradient.pixelMap()[30 * 64 + 20], pixel.value(), 1e-6);
        for (int c = 0; c < 3; c++) {
            assertEquals(gradient.values()[c * 4096 + 30 * 64 + 20], pixel.channels()[c], 1e-6);
        }
    }

    @Test
    void choosingAnotherClassRecomputesTheMapForIt() throws Exception {
        await(view.resultProperty(), x -> true);
        onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Integer> box = (ComboBox<Integer>)
                    robot.from(view).lookup("#attribution-class").query();
            box.setValue(KOALA);
            return null;
        });
        AttributionResult r = await(view.resultProperty(), x -> x.target().index() == KOALA);
        assertEquals("koala", r.target().name());
        assertEquals(coffee.snapshot().logit(KOALA), r.map().logit(), 1e-5);
        assertSameMap(engine.cam(AttributionMethod.GRAD_CAM, image, engine.classTarget(KOALA), r.camLayer()), r.map());
    }

    @Test
    void integratedGradientsShowsItsCompletenessCheckWithTheEnginesNumbers() throws Exception {
        await(view.resultProperty(), x -> true);
        onFx(() -> {
            view.choiceProperty()
                    .set(view.choice()
                            .withMethod(AttributionMethod.INTEGRATED_GRADIENTS)
                            .withSettings(view.choice().settings().withSteps(16)));
            view.refresh();
            return null;
        });
        AttributionResult r =
                await(view.resultProperty(), x -> x.choice().method() == AttributionMethod.INTEGRATED_GRADIENTS);
        AttributionMap ig = engine.integratedGradients(
                image, r.target(), 16, r.choice().settings().baseline());
        assertSameMap(ig, r.map());
        String formula = onFx(() -> view.single().formulaText());
        String sum = String.format("%.4f", ig.figures().get("attributionSum"));
        String difference = String.format("%.4f", ig.figures().get("logitDifference"));
        assertTrue(formula.contains("Σ attributions = " + sum), formula);
        assertTrue(formula.contains(difference), formula);
        assertTrue(formula.contains("N = 16 steps from the black baseline"), formula);

        // One click on the steps spinner doubles them.
        onFx(() -> {
            robot.from(view).lookup("#attribution-steps").queryAs(Spinner.class).increment(1);
            return null;
        });
        AttributionResult doubled =
                await(view.resultProperty(), x -> x.choice().settings().steps() == 32);
        assertEquals(32.0, doubled.map().figures().get("steps"));
    }

    @Test
    void switchingLanguageKeepsTheMethodClassParametersAndMap() throws Exception {
        await(view.resultProperty(), x -> true);
        onFx(() -> {
            view.choiceProperty()
                    .set(view.choice()
                            .withMethod(AttributionMethod.OCCLUSION)
                            .withClass(KOALA)
                            .withSettings(view.choice().settings().withOcclusion(6, 3, 0.2f)));
            view.overlayOpacityProperty().set(0.4);
            view.refresh();
            return null;
        });
        AttributionResult r = await(view.resultProperty(), x -> x.choice().method() == AttributionMethod.OCCLUSION);
        AttributionChoice chosen = onFx(() -> view.choice());

        onFx(() -> {
            workspace.languageProperty().set(Language.CHINESE);
            return null;
        });
        assertSame(r, view.resultProperty().get(), "the map is kept, not recomputed");
        assertSame(chosen, onFx(() -> view.choice()));
        assertEquals(0.4, view.overlayOpacityProperty().get());
        @SuppressWarnings("unchecked")
        ComboBox<AttributionMethod> method = onFx(() -> (ComboBox<AttributionMethod>)
                robot.from(view).lookup("#attribution-method").query());
        assertEquals(AttributionMethod.OCCLUSION, method.getValue());
        assertEquals("遮挡", onFx(() -> method.getConverter().toString(method.getValue())));
        assertEquals(6, onFx(() -> robot.from(view)
                .lookup("#attribution-window")
                .queryAs(Spinner.class)
                .getValue()));
        String formula = onFx(() -> view.single().formulaText());
        assertTrue(formula.contains("6 × 6 的窗口"), formula);
        onFx(() -> {
            workspace.darkProperty().set(true);
            return null;
        });
        assertSame(r, view.resultProperty().get(), "a theme change keeps it too");
    }

    @Test
    void draggingTheGreySquareUpdatesTheBarsWithTheEnginesProbabilities() throws Exception {
        await(view.resultProperty(), x -> true);
        robot.clickOn("#attribution-probe-toggle");
        OcclusionProbe probe = onFx(() -> view.probe());
        Node picture = onFx(() -> probe.picture());
        Bounds b = onFx(() -> picture.localToScreen(picture.getLayoutBounds()));
        robot.moveTo(new Point2D(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() * 0.3));
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveTo(new Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.55));
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // The last position is computed after whatever was in flight: wait for the bars to show it.
        int[] last = onFx(() -> {
            double scale = picture.getLayoutBounds().getWidth() / 64;
            int side = 8;
            return new int[] {
                (int) Math.floor(b.getHeight() * 0.55 / scale - side / 2.0),
                (int) Math.floor(b.getWidth() * 0.5 / scale - side / 2.0),
                side
            };
        });
        await(probe.updatesProperty(), n -> java.util.Arrays.equals(probe.shownWindow(), last));
        float[] occluded = AttributionWork.occluded(model.description().inputShape(), image, last[0], last[1], 8, 0.5f);
        float[] expected = inference.run(occluded).probabilities();
        float[] bars = onFx(probe::shownProbabilities);
        assertArrayEquals(expected, bars, 1e-5f, "the app's own forward pass of the occluded image");
        int top = coffee.snapshot().topClass();
        String label = onFx(() ->
                ((Label) robot.from(view).lookup("#occlusion-value-" + top).query()).getText());
        assertEquals(String.format("%.1f %%", 100 * bars[top]), label);
    }

    @Test
    void aPresetsMapIsFlaggedAsMeaningless() throws Exception {
        LoadedModel lenet =
                PresetModels.load(ArchitecturePresets.find("lenet").orElseThrow(), "LeNet", PresetModels.Progress.NONE);
        Inference preset = new Inference(lenet);
        Shown shown = shown(preset, "coffee-lenet");
        await(view.resultProperty(), x -> true);
        onFx(() -> {
            workspace.modelProperty().set(preset);
            workspace.shownProperty().set(shown);
            return null;
        });
        AttributionResult r = await(view.resultProperty(), x -> x.model() == preset);
        assertTrue(r.map().randomWeights());
        Node notice = onFx(() -> robot.from(view).lookup("#attribution-random").query());
        assertTrue(onFx(notice::isVisible));
        assertTrue(onFx(() -> ((Label) notice).getText()).contains("means nothing"));
    }

    @Test
    void comparisonDrawsEveryChosenMethodAsTheEngineComputesIt() throws Exception {
        await(view.resultProperty(), x -> true);
        robot.clickOn("#attribution-compare-toggle");
        var list = await(view.comparedProperty(), x -> x.size() == 4);
        for (AttributionResult r : list) {
            AttributionMap expected = engine.compute(
                    r.choice().method(), image, r.target(), r.choice().settings());
            assertSameMap(expected, r.map());
            assertNotNull(robot.from(view)
                    .lookup("#compare-" + r.choice().method().id())
                    .tryQuery()
                    .orElse(null));
        }
    }

    @Test
    void theSanityCheckShowsEveryRandomisedLayerWithItsSimilarity() throws Exception {
        await(view.resultProperty(), x -> true);
        robot.clickOn("#attribution-sanity");
        var steps = await(view.sanityProperty(), x -> true);
        assertEquals(5, steps.size(), "the output layer and the four convolutions, top down");
        String text = onFx(() -> ((Label) robot.from(view).lookup("#sanity-how").query()).getText());
        assertTrue(text.contains("rank correlation"), text);
        assertEquals(
                steps.size() + 1,
                onFx(() -> robot.from(view).lookup(".sanity-step").queryAll().size()));
    }

    @Test
    void gradCamStepsOpenTheWalkthroughOfTheMapOnScreen() throws Exception {
        AttributionResult r = await(view.resultProperty(), x -> true);
        robot.clickOn("#gradcam-steps");
        GradCamSteps[] steps = new GradCamSteps[1];
        // The walkthrough is worked out on the engine thread, then laid over the maps.
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> onFx(() -> robot.from(view)
                        .lookup((Node n) -> n instanceof GradCamSteps)
                        .tryQuery()
                        .map(n -> steps[0] = (GradCamSteps) n)
                        .isPresent()));
        assertNotNull(steps[0], "the walkthrough view is laid over the maps");
        float[] walked = steps[0].walkthrough().map();
        float[] onScreen = r.map().values();
        assertEquals(onScreen.length, walked.length);
        for (int i = 0; i < walked.length; i++) {
            assertEquals(onScreen[i], walked[i], 1e-6 * Math.max(1, Math.abs(onScreen[i])), "cell " + i);
        }
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                !onFx(() ->
                        robot.from(view).lookup("#attribution-detail").query().isVisible()),
                "Esc goes back");
    }

    @Test
    void gradCamStepsAndDetailsGoThroughTheirHooks() throws Exception {
        AttributionResult r = await(view.resultProperty(), x -> true);
        CamRequest[] asked = new CamRequest[1];
        onFx(() -> {
            view.setOnCamSteps(c -> asked[0] = c);
            return null;
        });
        robot.clickOn("#gradcam-steps");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(asked[0]);
        assertSame(inference, asked[0].model());
        assertArrayEquals(image, asked[0].image());
        assertEquals(r.target().index(), asked[0].classIndex());
        assertEquals(r.camLayer(), asked[0].layer());

        onFx(() -> {
            view.showDetail(new Label("steps"));
            return null;
        });
        assertTrue(onFx(
                () -> robot.from(view).lookup("#attribution-detail").query().isVisible()));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                !onFx(() ->
                        robot.from(view).lookup("#attribution-detail").query().isVisible()),
                "Esc goes back");
        onFx(() -> {
            view.showDetail(new Label("again"));
            return null;
        });
        robot.clickOn("#attribution-detail-close");
        assertTrue(
                !onFx(() ->
                        robot.from(view).lookup("#attribution-detail").query().isVisible()),
                "so does the button");
        assertEquals(MapPlane.MAGNITUDE, view.choice().plane());
    }

    @Test
    void anOlderRequestsResultNeverReplacesANewerOne() throws Exception {
        await(view.resultProperty(), x -> true);
        java.util.List<Integer> shownClasses = new java.util.ArrayList<>();
        onFx(() -> {
            view.resultProperty()
                    .addListener((o, was, now) ->
                            shownClasses.add(now == null ? -2 : now.target().index()));
            view.choiceProperty().set(view.choice().withClass(KOALA));
            view.refresh();
            view.choiceProperty().set(view.choice().withClass(PIZZA));
            view.refresh();
            return null;
        });
        AttributionResult r = await(view.resultProperty(), x -> x.target().index() == PIZZA);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PIZZA, shownClasses.get(shownClasses.size() - 1), "the last one asked for is the one shown");
        assertTrue(!shownClasses.contains(KOALA), "koala's map, superseded, was dropped: " + shownClasses);
        assertSameMap(engine.cam(AttributionMethod.GRAD_CAM, image, engine.classTarget(PIZZA), r.camLayer()), r.map());
    }

    @Test
    void aNetworkWhoseOutputIsAMapExplainsTheChosenCell() throws Exception {
        LoadedModel yolo = PresetModels.load(
                ArchitecturePresets.find("tiny-yolo").orElseThrow(),
                "Tiny YOLO",
                new int[] {3, 96, 96},
                PresetModels.Progress.NONE);
        Inference preset = new Inference(yolo);
        Shown shown = shown(preset, "coffee-yolo");
        await(view.resultProperty(), x -> true);
        onFx(() -> {
            workspace.modelProperty().set(preset);
            workspace.shownProperty().set(shown);
            return null;
        });
        await(view.resultProperty(), x -> x.model() == preset);
        onFx(() -> {
            robot.from(view)
                    .lookup("#attribution-cell-row")
                    .queryAs(Spinner.class)
                    .increment(2);
            return null;
        });
        AttributionResult r = await(
                view.resultProperty(), x -> x.model() == preset && x.choice().cell()[1] == 2);
        Attribution yoloEngine = Attribution.of(yolo);
        float[] input = shown.snapshot().layer(0).toArray();
        AttributionTarget cell = yoloEngine.cellTarget(0, 2, 0);
        assertEquals(cell, r.target());
        assertSameMap(yoloEngine.cam(AttributionMethod.GRAD_CAM, input, cell, r.camLayer()), r.map());
        String formula = onFx(() -> view.single().formulaText());
        assertTrue(formula.contains("the output's value at channel 0, row 2, column 0"), formula);
    }

    @Test
    void cancelStopsWaitingAndKeepsTheMapOnScreen() throws Exception {
        AttributionResult before = await(view.resultProperty(), x -> true);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        service.executor()
                .submit(
                        () -> { // the engine thread is busy, so the next request waits
                            holding.countDown();
                            held.await();
                            return null;
                        });
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        onFx(() -> {
            view.choiceProperty().set(view.choice().withClass(KOALA));
            view.refresh();
            return null;
        });
        assertTrue(
                onFx(() ->
                        robot.from(view).lookup("#attribution-cancel").query().isVisible()),
                "Cancel offered");
        robot.clickOn((Node) robot.from(view).lookup("#attribution-cancel").query());
        assertTrue(!onFx(
                () -> robot.from(view).lookup("#attribution-progress").query().isVisible()));
        held.countDown();
        // A marker request after the cancelled one: when its answer arrives, the cancelled one has had its turn.
        CountDownLatch after = new CountDownLatch(1);
        service.executor().submit(after::countDown);
        assertTrue(after.await(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(before, view.resultProperty().get(), "the cancelled map never replaces the one on screen");
    }

    /** Occlusion with stride 1: 57 x 57 windows of 8, in many batches (a long computation on Tiny VGG). */
    static final AttributionSettings EVERY_WINDOW = AttributionSettings.DEFAULTS.withOcclusion(8, 1, 0.5f);

    /**
     * The engine thread held inside the running computation at its {@code at}-th step: {@code steps} counts every
     * step the engine tells, {@code done} keeps the last count of done before the hold, {@code reached} opens when it
     * gets there and the engine goes on once {@code release} opens.
     */
    record Hold(AtomicInteger steps, AtomicInteger done, CountDownLatch reached, CountDownLatch release) {}

    static Hold holdAtStep(AttributionView view, int at) {
        Hold hold = new Hold(new AtomicInteger(), new AtomicInteger(), new CountDownLatch(1), new CountDownLatch(1));
        view.work().onStep((stage, count, total, fraction) -> {
            int step = hold.steps().incrementAndGet();
            if (step < at) {
                hold.done().set(count);
            }
            if (step == at) {
                hold.reached().countDown();
                try {
                    assertTrue(hold.release().await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        });
        return hold;
    }

    /** Asks for the occlusion of every window (a long computation) and waits until the held engine gets to its step. */
    private void occludeEveryWindowUntil(Hold hold) throws Exception {
        onFx(() -> {
            view.choiceProperty()
                    .set(view.choice().withMethod(AttributionMethod.OCCLUSION).withSettings(EVERY_WINDOW));
            view.refresh();
            return null;
        });
        assertTrue(hold.reached().await(60, TimeUnit.SECONDS), "the occlusion runs");
    }

    /** Waits until every request handed to the engine thread so far has run (a marker request after them). */
    void engineCaughtUp() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        service.executor().submit(after::countDown);
        assertTrue(after.await(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void cancelStopsARunningOcclusionAtItsNextStepShowingNoErrorAndTheViewComputesAgain() throws Exception {
        AttributionResult before = await(view.resultProperty(), x -> true);
        Hold hold = holdAtStep(view, 2);
        occludeEveryWindowUntil(hold);
        WaitForAsyncUtils.waitForFxEvents();
        // The first batch has been told to the bar: the real fraction and which step.
        int batch = hold.done().get();
        String told = onFx(() ->
                ((Label) robot.from(view).lookup("#attribution-progress-text").query()).getText());
        assertEquals("Occlusion: " + batch + " of 3249 windows", told);
        double fraction = onFx(() -> ((ProgressIndicator)
                        robot.from(view).lookup("#attribution-progress").query())
                .getProgress());
        assertEquals(batch / 3249.0, fraction, 1e-12);

        robot.clickOn((Node) robot.from(view).lookup("#attribution-cancel").query());
        hold.release().countDown();
        engineCaughtUp();
        assertEquals(
                2,
                hold.steps().get(),
                "the engine stopped at the step after Cancel, of " + (3249 + batch - 1) / batch + " batches");
        assertNull(view.failureProperty().get(), "a cancelled map is no error");
        assertTrue(onFx(
                () -> robot.from(view).lookup("#attribution-error").tryQuery().isEmpty()));
        assertTrue(!onFx(
                () -> robot.from(view).lookup("#attribution-progress").query().isVisible()));
        assertSame(before, view.resultProperty().get(), "the map on screen stays");

        // And the next computation works, with the engine's numbers.
        onFx(() -> {
            view.choiceProperty().set(view.choice().withSettings(EVERY_WINDOW.withOcclusion(8, 4, 0.5f)));
            view.refresh();
            return null;
        });
        AttributionResult r = await(view.resultProperty(), x -> x.choice().method() == AttributionMethod.OCCLUSION);
        assertSameMap(
                engine.compute(
                        AttributionMethod.OCCLUSION,
                        image,
                        r.target(),
                        r.choice().settings()),
                r.map());
        assertNull(view.failureProperty().get());
    }

    /** Grad-CAM is one pass: the bar counts its layers, and Cancel stops it at the next layer, not at its end. */
    @Test
    void cancelStopsAGradCamAtTheNextLayerOfItsPass() throws Exception {
        AttributionResult before = await(view.resultProperty(), x -> true);
        Hold hold = holdAtStep(view, 2);
        onFx(() -> {
            view.choiceProperty()
                    .set(view.choice().withMethod(AttributionMethod.GRAD_CAM).withClass(KOALA));
            view.refresh();
            return null;
        });
        assertTrue(hold.reached().await(60, TimeUnit.SECONDS), "Grad-CAM runs");
        WaitForAsyncUtils.waitForFxEvents();
        String told = onFx(() ->
                ((Label) robot.from(view).lookup("#attribution-progress-text").query()).getText());
        assertTrue(told.matches("Through the network layer by layer: step 1 of \\d+"), told);

        robot.clickOn((Node) robot.from(view).lookup("#attribution-cancel").query());
        hold.release().countDown();
        engineCaughtUp();
        assertEquals(2, hold.steps().get(), "the pass stopped at the layer after Cancel");
        assertNull(view.failureProperty().get(), "a cancelled map is no error");
        assertSame(before, view.resultProperty().get(), "the map on screen stays");
    }

    @Test
    void aNewRequestStopsTheRunningComputationAtItsNextStep() throws Exception {
        await(view.resultProperty(), x -> true);
        Hold hold = holdAtStep(view, 1);
        occludeEveryWindowUntil(hold);
        onFx(
                () -> { // Grad-CAM of koala instead: one pass
                    view.choiceProperty()
                            .set(view.choice()
                                    .withMethod(AttributionMethod.GRAD_CAM)
                                    .withClass(KOALA));
                    view.refresh();
                    return null;
                });
        // The held step is already inside the hook; from here on only the occlusion's steps are counted, not the
        // layers of Grad-CAM's pass.
        view.work().onStep(null);
        hold.release().countDown();
        AttributionResult r = await(view.resultProperty(), x -> x.target().index() == KOALA);
        engineCaughtUp();
        assertEquals(1, hold.steps().get(), "the superseded occlusion stopped at its next step");
        assertNull(view.failureProperty().get());
        assertSameMap(engine.cam(AttributionMethod.GRAD_CAM, image, engine.classTarget(KOALA), r.camLayer()), r.map());
    }

    /**
     * Starts the work behind {@code start}, holds the engine at its first step, presses Cancel and lets the engine go:
     * the steps the work then took.
     */
    private int stepsWhenCancelledAtTheFirst(String start, String work) throws Exception {
        Hold hold = holdAtStep(view, 1);
        robot.clickOn(start);
        assertTrue(hold.reached().await(60, TimeUnit.SECONDS), work + " runs");
        robot.clickOn((Node) robot.from(view).lookup("#attribution-cancel").query());
        hold.release().countDown();
        engineCaughtUp();
        return hold.steps().get();
    }

    @Test
    void cancelStopsTheComparisonAndTheSanityCheckAtTheirNextStep() throws Exception {
        await(view.resultProperty(), x -> true);
        assertEquals(
                1,
                stepsWhenCancelledAtTheFirst("#attribution-compare-toggle", "the comparison"),
                "the comparison stopped at the step after Cancel");
        assertNull(view.comparedProperty().get());
        assertNull(view.failureProperty().get());
        view.work().onStep(null);
        onFx(() -> {
            view.refresh();
            return null;
        });
        assertEquals(4, await(view.comparedProperty(), x -> true).size(), "and it compares again");

        robot.clickOn("#attribution-single-toggle");
        engineCaughtUp();
        assertEquals(
                1,
                stepsWhenCancelledAtTheFirst("#attribution-sanity", "the sanity check"),
                "the sanity check stopped at the step after Cancel");
        assertNull(view.sanityProperty().get());
        assertNull(view.failureProperty().get());
        view.work().onStep(null);
        robot.clickOn("#attribution-sanity");
        assertEquals(5, await(view.sanityProperty(), x -> true).size(), "and it runs again, to the end");
    }
}
