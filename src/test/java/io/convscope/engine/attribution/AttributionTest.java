package io.convscope.engine.attribution;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.PresetModels;
import io.convscope.engine.TrainableNetwork;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import io.convscope.network.ParameterBlock;
import io.convscope.network.SanityStep;
import io.convscope.network.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every method against an independent computation: finite differences, forward passes, formulas by hand. */
class AttributionTest {

    private static LoadedModel tinyVgg;
    private static float[] coffee;

    @BeforeAll
    static void bundled() throws Exception {
        tinyVgg = ModelLoader.loadBundled();
        coffee = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
    }

    /** dy/dx of a logit against central differences of the logit itself, on a network smooth everywhere. */
    @Test
    void gradientEqualsFiniteDifferencesOfTheLogit() throws Exception {
        checkGradientAgainstDifferences(new Attribution(AttributionNetworks.smooth(), false));
    }

    /** A graph with a skip connection: the same check, and Grad-CAM defaults to the sum before the pooling. */
    @Test
    void graphsAreExplainedToo() throws Exception {
        Attribution a = new Attribution(AttributionNetworks.residual(), false);
        checkGradientAgainstDifferences(a);
        assertEquals(
                "add",
                a.description().layer(a.defaultCamLayer(a.classTarget(0))).name());
    }

    private static void checkGradientAgainstDifferences(Attribution a) {
        float[] x = AttributionNetworks.image(a.description().inputShape(), 3);
        for (int c = 0; c < 3; c++) {
            AttributionTarget t = a.classTarget(c);
            AttributionMap g = a.gradient(x, t);
            assertEquals(a.description().inputShape(), g.shape());
            assertEquals(a.value(x, t), g.logit());
            double largest = 0;
            for (float v : g.values()) {
                largest = Math.max(largest, Math.abs(v));
            }
            double h = 1e-2;
            for (int i = 0; i < x.length; i++) {
                float[] up = x.clone();
                float[] down = x.clone();
                up[i] += (float) h;
                down[i] -= (float) h;
                double fd = ((double) a.value(up, t) - a.value(down, t)) / (up[i] - down[i]);
                assertEquals(fd, g.values()[i], 1e-3 * largest, "class " + c + ", input value " + i);
            }
            // max |.| over channels, per pixel
            int plane = g.shape().height() * g.shape().width();
            assertEquals(Math.max(Math.abs(g.values()[5]), Math.abs(g.values()[plane + 5])), g.pixelMap()[5]);
        }
    }

    @Test
    void smoothGradWithoutNoiseIsTheGradient() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        assertEquals("espresso", t.name());
        AttributionMap g = a.gradient(coffee, t);
        AttributionMap s = a.smoothGrad(coffee, t, 5, 0, 9);
        assertArrayEquals(g.values(), s.values());
        assertEquals(g.logit(), s.logit());
        AttributionMap noisy = a.smoothGrad(coffee, t, 5, 0.1, 9);
        assertArrayEquals(noisy.values(), a.smoothGrad(coffee, t, 5, 0.1, 9).values(), "seeded");
        assertFalse(Arrays.equals(g.values(), noisy.values()));
    }

    /**
     * Completeness on every sample image. The midpoint sum's error is the quadrature error of a path along which Tiny
     * VGG's ReLUs and max-pools switch hundreds of times (549 slope changes over 0.05 on a 2,048-step grid from black
     * to coffee.png):
     * at the default 32 steps it is 0.3 to 6.3 % on these images (median 3.0 %), and it falls as the steps grow, under
     * 1 % on every image by 512 steps (the most the app offers). A wrong gradient would not converge to y(x) - y(b).
     */
    @Test
    void integratedGradientsConvergeOnEverySampleImage() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        List<Path> images;
        try (var files = Files.list(Path.of("sample-images"))) {
            images = files.filter(f -> f.toString().matches(".*\\.(png|jpg)"))
                    .sorted()
                    .toList();
        }
        assertEquals(17, images.size());
        double[] at32 = new double[images.size()];
        double[] at512 = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            float[] x = ImagePreprocessor.load(images.get(i), 64, 64);
            AttributionTarget t = a.topClass(x);
            at32[i] = a.integratedGradients(x, t, 32, Baseline.BLACK).figures().get("relativeError");
            at512[i] =
                    a.integratedGradients(x, t, 512, Baseline.BLACK).figures().get("relativeError");
            assertTrue(at512[i] <= 0.01, images.get(i) + ": " + at512[i] + " at 512 steps, " + at32[i] + " at 32");
            if (images.get(i).endsWith("coffee.png")) {
                // The Learn article quotes this figure, in both languages.
                String quoted = String.format(Locale.ROOT, "%.1f %%", 100 * at32[i]);
                for (String language : List.of("en", "zh")) {
                    try (var in =
                            Attribution.class.getResourceAsStream("/io/convscope/learn/article_" + language + ".md")) {
                        String article = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        assertTrue(article.contains(quoted), language + " article quotes " + quoted);
                    }
                }
            }
        }
        Arrays.sort(at32);
        Arrays.sort(at512);
        assertTrue(at512[8] < at32[8] / 4, "the median error falls with the steps: " + at32[8] + " -> " + at512[8]);
    }

    /** A CAM of a network or layer without spatial maps is refused with its reason, for the app to say it in words. */
    @Test
    void aCamWithoutSpatialMapsIsRefusedWithItsReason() throws Exception {
        Attribution mlp = new Attribution(AttributionNetworks.dense(), false);
        AttributionTarget first = mlp.classTarget(0);
        float[] image = AttributionNetworks.image(new Shape(2, 4, 4), 3);
        for (AttributionMethod m : List.of(
                AttributionMethod.GRAD_CAM, AttributionMethod.HIRES_CAM, AttributionMethod.GRAD_CAM_PLUS_PLUS)) {
            CamLayerException none = assertThrows(
                    CamLayerException.class, () -> mlp.compute(m, image, first, AttributionSettings.DEFAULTS));
            assertEquals(CamLayerException.Reason.NO_SPATIAL_LAYER, none.reason());
        }
        assertEquals(image.length, mlp.gradient(image, first).values().length, "the gradient still works");

        Attribution a = Attribution.of(tinyVgg);
        CamLayerException flat = assertThrows(CamLayerException.class, () -> a.camLayer("flatten", a.topClass(coffee)));
        assertEquals(CamLayerException.Reason.NOT_SPATIAL, flat.reason());
        assertEquals("flatten", flat.layer());
        assertTrue(flat.getMessage().startsWith("layer flatten has no spatial maps"), flat.getMessage());
    }

    /** Completeness: the attributions add up to y(x) - y(baseline), closer with more steps (midpoint rule). */
    @Test
    void integratedGradientsAreComplete() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        AttributionMap ig64 = a.integratedGradients(coffee, t, 64, Baseline.BLACK);
        AttributionMap ig4 = a.integratedGradients(coffee, t, 4, Baseline.BLACK);
        double relative64 = ig64.figures().get("relativeError");
        assertTrue(relative64 <= 0.01, "completeness error at 64 steps " + relative64);
        assertTrue(relative64 < ig4.figures().get("relativeError"), "more steps, smaller error");
        assertEquals(ig64.sum(), ig64.figures().get("attributionSum"), 1e-9);
        assertEquals(
                a.value(coffee, t) - a.value(new float[coffee.length], t),
                ig64.figures().get("logitDifference"),
                1e-5);
        for (Baseline b : Baseline.values()) {
            AttributionMap m = a.integratedGradients(coffee, t, 64, b);
            assertTrue(m.figures().get("relativeError") <= 0.05, b + ": " + m.figures());
        }
        // With one step, IG is x times the gradient at x / 2 (the formula itself).
        AttributionMap one = a.integratedGradients(coffee, t, 1, Baseline.BLACK);
        float[] half = coffee.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] = coffee[i] * 0.5f;
        }
        float[] g = a.gradient(half, t).values();
        for (int i = 0; i < g.length; i++) {
            assertEquals(coffee[i] * g[i], one.values()[i], 1e-6 * (1 + Math.abs(coffee[i] * g[i])));
        }
    }

    /** The three CAMs, recomputed in double from the layer's activations and the logit's gradient there. */
    @Test
    void camsEqualTheirFormulasByHand() throws Exception {
        TrainableNetwork net = AttributionNetworks.camNet();
        Attribution a = new Attribution(net, false);
        float[] x = AttributionNetworks.image(a.description().inputShape(), 4);
        boolean positive = false;
        for (int target = 0; target < 3; target++) {
            positive |= camsOfOneClassEqualTheirFormulas(net, a, x, target);
        }
        assertTrue(positive, "the test must not pass on all-zero maps");
    }

    private static boolean camsOfOneClassEqualTheirFormulas(
            TrainableNetwork net, Attribution a, float[] x, int target) {
        AttributionTarget t = a.classTarget(target);
        int layer = a.defaultCamLayer(t);
        assertEquals(4, layer, "the second ReLU");
        float[] act = net.forward(new float[][] {x}, layer)[layer][0];
        float[] grad = net.logitGradient(x, target).activation(layer, 0);
        int k = 4;
        int plane = 16;
        double[] gradCam = new double[plane];
        double[] hiRes = new double[plane];
        double[] plus = new double[plane];
        double[] alpha = new double[k];
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            double sumA = 0;
            for (int i = 0; i < plane; i++) {
                alpha[c] += grad[c * plane + i] / (double) plane;
                sumA += act[c * plane + i];
            }
            for (int i = 0; i < plane; i++) {
                double g = grad[c * plane + i];
                double coefficient = g == 0 ? 0 : g * g / (2 * g * g + sumA * g * g * g);
                w[c] += coefficient * Math.max(g, 0);
                hiRes[i] += g * act[c * plane + i];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < plane; i++) {
                gradCam[i] += alpha[c] * act[c * plane + i];
                plus[i] += w[c] * act[c * plane + i];
            }
        }
        AttributionMap gc = a.cam(AttributionMethod.GRAD_CAM, x, t, layer);
        AttributionMap hr = a.cam(AttributionMethod.HIRES_CAM, x, t, layer);
        AttributionMap pp = a.cam(AttributionMethod.GRAD_CAM_PLUS_PLUS, x, t, layer);
        assertEquals(new Shape(1, 4, 4), gc.shape());
        assertEquals("relu", a.description().layer(layer).kind().genericName());
        for (int c = 0; c < k; c++) {
            assertEquals(alpha[c], gc.channelWeights()[c], 1e-6);
            assertEquals(w[c], pp.channelWeights()[c], 1e-6);
        }
        assertNull(hr.channelWeights());
        for (int i = 0; i < plane; i++) {
            assertEquals(Math.max(0, gradCam[i]), gc.values()[i], 1e-6);
            assertEquals(Math.max(0, hiRes[i]), hr.values()[i], 1e-6);
            assertEquals(Math.max(0, plus[i]), pp.values()[i], 1e-6);
        }
        return gc.max() > 0 && hr.max() > 0 && pp.max() > 0;
    }

    /**
     * Zhou et al.'s CAM is {@code sum_k w_ck A_k} for a last convolution followed by global average pooling and one
     * dense layer; there dy/dA_kij = w_ck / HW, so Grad-CAM is ReLU(CAM) / HW exactly.
     */
    @Test
    void gradCamIsCamAfterGlobalAveragePooling() throws Exception {
        TrainableNetwork net = AttributionNetworks.globalAveragePooling();
        Attribution a = new Attribution(net, false);
        float[] x = AttributionNetworks.image(a.description().inputShape(), 8);
        for (int c = 0; c < 3; c++) {
            AttributionTarget t = a.classTarget(c);
            int layer = a.defaultCamLayer(t);
            AttributionMap gc = a.cam(AttributionMethod.GRAD_CAM, x, t, layer);
            float[] act = net.forward(new float[][] {x}, layer)[layer][0];
            ParameterBlock dense = net.parameters().stream()
                    .filter(b -> b.role() == ParameterBlock.Role.WEIGHT && b.layer() == t.layer())
                    .findFirst()
                    .orElseThrow();
            int channels = 5;
            int plane = 25;
            for (int i = 0; i < plane; i++) {
                double cam = 0;
                for (int k = 0; k < channels; k++) {
                    cam += dense.values()[c * channels + k] * act[k * plane + i];
                }
                assertEquals(Math.max(0, cam) / plane, gc.values()[i], 1e-6, "class " + c + ", cell " + i);
            }
        }
    }

    /** Every occlusion value is the logit's drop in a forward pass of the model the app runs (not the copy). */
    @Test
    void occlusionEqualsDirectForwardPasses() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.classTarget(3);
        AttributionMap m = a.compute(
                AttributionMethod.OCCLUSION, coffee, t, AttributionSettings.DEFAULTS.withOcclusion(16, 12, 0.25f));
        assertEquals(new Shape(1, 5, 5), m.shape(), "windows at 0, 12, 24, 36, 48");
        float y = tinyVgg.compiled().forward(coffee).logit(3);
        assertEquals(y, m.logit());
        Shape in = tinyVgg.description().inputShape();
        for (int row = 0; row < 5; row++) {
            for (int column = 0; column < 5; column++) {
                float[] occluded = Occlusion.occluded(coffee, in, row * 12, column * 12, 16, 0.25f);
                float direct = y - tinyVgg.compiled().forward(occluded).logit(3);
                assertEquals(direct, m.values()[row * 5 + column], 1e-5, "window " + row + ", " + column);
            }
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> a.compute(
                        AttributionMethod.OCCLUSION, coffee, t, AttributionSettings.DEFAULTS.withOcclusion(65, 1, 0f)));
    }

    /** Cascading randomisation: the gradient map decorrelates, and the weights come back exactly. */
    @Test
    void sanityCheckDecorrelatesAndRestoresTheWeights() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        List<float[]> before = new ArrayList<>();
        a.network().parameters().forEach(b -> before.add(b.values().clone()));
        AttributionMap original = a.gradient(coffee, t);
        for (AttributionMethod method : List.of(AttributionMethod.GRADIENT, AttributionMethod.GRAD_CAM)) {
            List<SanityStep> steps =
                    SanityCheck.cascade(a, method, coffee, t, AttributionSettings.DEFAULTS.withSeed(4));
            assertEquals(
                    List.of("output", "conv_2_2", "conv_2_1", "conv_1_2", "conv_1_1")
                            .subList(0, steps.size()),
                    steps.stream().map(SanityStep::layer).toList());
            SanityStep last = steps.get(steps.size() - 1);
            // Every layer random: the map has moved away from the trained one. The raw gradient keeps part of the
            // image's own structure (Adebayo et al.'s finding), so only Grad-CAM must fall below one half.
            double bound = method == AttributionMethod.GRAD_CAM ? 0.5 : 0.9;
            assertTrue(
                    last.spearman() < bound && last.spearman() < steps.get(0).spearman() + 1e-9,
                    method + ": " + steps.stream().map(SanityStep::spearman).toList());
        }
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), a.network().parameters().get(i).values());
        }
        assertArrayEquals(original.values(), a.gradient(coffee, t).values(), "the network computes as before");
    }

    /**
     * VGG-16 applies dropout to fc6's and fc7's inputs, which training refuses; attribution runs at inference, where
     * dropout is the identity, so the preset is explained (and flagged as random), with the app's logits.
     */
    @Test
    void presetsWithInputDropoutAreExplainedAndFlaggedRandom() throws Exception {
        LoadedModel vgg = PresetModels.load(
                ArchitecturePresets.find("vgg16").orElseThrow(),
                "vgg16",
                new int[] {3, 32, 32},
                PresetModels.Progress.NONE);
        assertThrows(ModelLoadException.class, () -> TrainableNetwork.of(vgg));
        Attribution a = Attribution.of(vgg);
        float[] x = AttributionNetworks.image(vgg.description().inputShape(), 2);
        AttributionMap m = a.compute(AttributionMethod.GRAD_CAM, x, a.classTarget(7), AttributionSettings.DEFAULTS);
        assertTrue(m.randomWeights());
        assertEquals(vgg.compiled().forward(x).logit(7), m.logit(), 1e-4 * (1 + Math.abs(m.logit())));
        assertEquals("conv5_3_relu", m.layer());
    }

    /** Saliency is drawn as max |.| over the input's channels, also for a one-channel input; CAMs as they are. */
    @Test
    void pixelMapsOfOneChannelInputsAreMagnitudes() {
        float[] v = {-2, 1, 0, -0.5f};
        var one = new AttributionMap("gradient", 0, "a", 0, new Shape(1, 2, 2), v, null, null, Map.of(), false);
        assertArrayEquals(new float[] {2, 1, 0, 0.5f}, one.pixelMap());
        var occlusion = new AttributionMap("occlusion", 0, "a", 0, new Shape(1, 2, 2), v, null, null, Map.of(), false);
        assertArrayEquals(v, occlusion.pixelMap());
    }

    @Test
    void similaritiesOfKnownMaps() {
        float[] a = {1, 2, 3, 4};
        assertEquals(1, Heatmaps.spearman(a, new float[] {10, 20, 30, 400}), 1e-12);
        assertEquals(-1, Heatmaps.spearman(a, new float[] {4, 3, 2, 1}), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 3}, Heatmaps.ranks(new float[] {5, 5, 7}));
        assertEquals(1, Heatmaps.ssim(a, new float[] {2, 4, 6, 8}), 1e-12);
        // Bilinear with aligned centres: doubling a 2 x 2 map keeps the corners and interpolates a quarter in.
        float[] up = Heatmaps.bilinear(new float[] {0, 4, 8, 12}, 2, 2, 4, 4);
        assertEquals(0, up[0]);
        assertEquals(1, up[1], 1e-6);
        assertEquals(12, up[15]);
        var cam = new AttributionMap(
                "gradcam", 0, "a", 0, new Shape(1, 2, 2), new float[] {0, 4, 8, 12}, "l", null, Map.of(), false);
        assertArrayEquals(up, Heatmaps.atInputSize(cam, 4, 4));
    }
}
