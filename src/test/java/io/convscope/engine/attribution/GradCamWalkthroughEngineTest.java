package io.convscope.engine.attribution;

import io.convscope.engine.ModelLoader;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import io.convscope.network.CamInputs;
import io.convscope.network.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Grad-CAM walkthrough, built from the engine's raw maps and gradients, ends at exactly the engine's Grad-CAM:
 * the same alpha_k, the same map and the same upsampled overlay, bit for bit.
 */
class GradCamWalkthroughEngineTest {

    private static Attribution tinyVgg;
    private static float[] coffee;

    @BeforeAll
    static void bundled() throws Exception {
        tinyVgg = Attribution.of(ModelLoader.loadBundled());
        coffee = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
    }

    private static void sameAsTheEngine(Attribution a, float[] image, AttributionTarget target, int layer) {
        CamInputs in = a.camInputs(image, target, layer);
        Shape input = a.description().inputShape();
        GradCamWalkthrough w = GradCamWalkthrough.of(in, image, input);
        AttributionMap engine = a.cam(AttributionMethod.GRAD_CAM, image, target, layer);
        assertEquals(engine.layer(), in.layer());
        assertEquals(engine.logit(), in.logit());
        assertArrayEquals(engine.channelWeights(), w.alphas(), "alpha_k");
        assertArrayEquals(engine.values(), w.map(), "the Grad-CAM map");
        assertArrayEquals(
                Heatmaps.atInputSize(engine, input.height(), input.width()), w.upsampled(), "the upsampled map");
    }

    @Test
    void bundledModelAtEveryLayerWithMapsForThePredictionAndAnotherClass() {
        AttributionTarget top = tinyVgg.topClass(coffee);
        assertEquals("espresso", top.name());
        int chosen = tinyVgg.defaultCamLayer(top);
        assertEquals("relu_2_2", tinyVgg.description().layer(chosen).name());
        for (String layer : new String[] {"relu_2_2", "conv_2_2", "max_pool_2", "relu_1_1"}) {
            sameAsTheEngine(tinyVgg, coffee, top, tinyVgg.description().indexOf(layer));
        }
        sameAsTheEngine(tinyVgg, coffee, tinyVgg.classTarget((top.index() + 3) % 10), chosen);
    }

    @Test
    void smallGeneratedNetworks() throws Exception {
        Attribution cam = new Attribution(AttributionNetworks.camNet(), false);
        float[] image = AttributionNetworks.image(cam.description().inputShape(), 3);
        for (int c = 0; c < 3; c++) {
            sameAsTheEngine(cam, image, cam.classTarget(c), 4);
        }
        Attribution graph = new Attribution(AttributionNetworks.residual(), false);
        float[] x = AttributionNetworks.image(graph.description().inputShape(), 4);
        sameAsTheEngine(graph, x, graph.classTarget(1), graph.defaultCamLayer(graph.classTarget(1)));
    }
}
