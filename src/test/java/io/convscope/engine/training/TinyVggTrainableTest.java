package io.convscope.engine.training;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our hand-written training arithmetic must agree with DL4J's own forward pass and gradients. */
class TinyVggTrainableTest {

    private static final int BATCH = 4;

    @Test
    void gradientsMatchDl4j() {
        TinyVggTrainable model = TinyVggTrainable.initialise(7, 10);
        // Non-zero biases so their gradients and the ReLU masks are exercised.
        Random rng = new Random(3);
        for (int p = 1; p < model.params.length; p += 2) {
            for (int i = 0; i < model.params[p].length; i++) {
                model.params[p][i] = (float) (rng.nextGaussian() * 0.05);
            }
        }
        float[][] images = new float[BATCH][3 * 64 * 64];
        int[] labels = new int[BATCH];
        float[] flat = new float[BATCH * 3 * 64 * 64];
        float[] oneHot = new float[BATCH * 10];
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < images[b].length; i++) {
                images[b][i] = rng.nextFloat();
            }
            System.arraycopy(images[b], 0, flat, b * images[b].length, images[b].length);
            labels[b] = rng.nextInt(10);
            oneHot[b * 10 + labels[b]] = 1;
        }

        TinyVggTrainable.Workspace ws = model.new Workspace();
        ws.reset();
        for (int b = 0; b < BATCH; b++) {
            ws.accumulate(images[b], labels[b], 1f / BATCH);
        }

        MultiLayerNetwork net = model.toDl4j(1);
        INDArray x = Nd4j.create(flat, new long[] {BATCH, 3, 64, 64}, 'c');
        net.setInput(x);
        net.setLabels(Nd4j.create(oneHot, new long[] {BATCH, 10}, 'c'));
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        assertEquals(net.score(), ws.loss / BATCH, 1e-4, "mean cross-entropy");

        int[] convLayers = {0, 2, 5, 7};
        for (int l = 0; l < 4; l++) {
            assertClose(g.getGradientFor(convLayers[l] + "_W"), ws.grads[2 * l], "conv " + l + " W");
            assertClose(g.getGradientFor(convLayers[l] + "_b"), ws.grads[2 * l + 1], "conv " + l + " b");
        }
        INDArray denseW = g.getGradientFor("10_W"); // [in][out]
        float[] ours = new float[ws.grads[8].length];
        for (int o = 0; o < 10; o++) {
            for (int i = 0; i < TinyVggTrainable.FLAT; i++) {
                ours[i * 10 + o] = ws.grads[8][o * TinyVggTrainable.FLAT + i];
            }
        }
        assertClose(denseW, ours, "dense W");
        assertClose(g.getGradientFor("10_b"), ws.grads[9], "dense b");
    }

    /** DL4J's gradient before its updater is the minibatch sum; ours is the mean. */
    private static void assertClose(INDArray expectedSum, float[] actual, String what) {
        float[] e = expectedSum.dup('c').div(BATCH).data().asFloat();
        assertEquals(e.length, actual.length, what + " size");
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " gradient is all zero");
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], actual[i], 1e-3 * scale + 1e-7, what + " [" + i + "]");
        }
    }
}
