package io.convscope.engine.training;

import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimisers, schedules, label-smoothed loss and weight average against steps worked out by hand (the numbers in
 * the comments), so a change of convention (decay before or after the step, momentum's first step, warm-up's first
 * batch) shows up as a failing figure.
 */
class TrainingArithmeticTest {

    private static List<ParameterBlock> blocks(float weight, float bias, float statistic) {
        return List.of(
                new ParameterBlock(1, "0", "W", ParameterBlock.Role.WEIGHT, new float[] {weight}),
                new ParameterBlock(1, "0", "b", ParameterBlock.Role.BIAS, new float[] {bias}),
                new ParameterBlock(2, "1", "mean", ParameterBlock.Role.RUNNING_MEAN, new float[] {statistic}));
    }

    private static final float[][] GRADIENT = {{0.5f}, {0.5f}, {0.5f}};

    @Test
    void adamWDecaysWeightsOnlyBeforeItsStep() {
        List<ParameterBlock> p = blocks(1, 1, 1);
        AdamW adam = new AdamW(p, 0.01);
        adam.update(p, GRADIENT, 0.1);
        // m = 0.05, v = 0.00025; bias-corrected 0.5 and 0.25: a step of lr * 0.5 / 0.5 = 0.1.
        // Weight: 1 * (1 - 0.1 * 0.01) - 0.1 = 0.899; bias: 1 - 0.1 = 0.9; running statistic untouched.
        assertEquals(0.899f, p.get(0).values()[0], 1e-6f);
        assertEquals(0.9f, p.get(1).values()[0], 1e-6f);
        assertEquals(1f, p.get(2).values()[0]);
        adam.update(p, new float[][] {{-0.5f}, {0.5f}, {0.5f}}, 0.1);
        // m = 0.9 * 0.05 - 0.05 = -0.005, /(1 - 0.81) = -0.0263158; v = 0.999 * 0.00025 + 0.00025 = 0.00049975,
        // /(1 - 0.998001) = 0.25; step = 0.1 * -0.0263158 / 0.5 = -0.00526316; 0.899 * 0.999 + 0.00526316 = 0.90336416
        assertEquals(0.90336416f, p.get(0).values()[0], 1e-6f);
    }

    @Test
    void sgdWithMomentumFollowsPytorchsConvention() {
        List<ParameterBlock> p = blocks(1, 1, 1);
        SgdMomentum sgd = new SgdMomentum(p, 0.9, 0.01);
        sgd.update(p, GRADIENT, 0.1);
        // Weight: g = 0.5 + 0.01 * 1 = 0.51, v = 0.51, w = 1 - 0.051 = 0.949. Bias: v = 0.5, b = 0.95.
        assertEquals(0.949f, p.get(0).values()[0], 1e-6f);
        assertEquals(0.95f, p.get(1).values()[0], 1e-6f);
        sgd.update(p, GRADIENT, 0.1);
        // g = 0.5 + 0.00949 = 0.50949, v = 0.459 + 0.50949 = 0.96849, w = 0.949 - 0.096849 = 0.852151.
        // Bias: v = 0.45 + 0.5 = 0.95, b = 0.95 - 0.095 = 0.855.
        assertEquals(0.852151f, p.get(0).values()[0], 1e-6f);
        assertEquals(0.855f, p.get(1).values()[0], 1e-6f);
        assertEquals(1f, p.get(2).values()[0]);
    }

    @Test
    void schedules() {
        var constant = new LearningRateSchedule.Constant(0.1);
        assertEquals(0.1, constant.rate(7, 3, 10), 1e-12);

        var step = new LearningRateSchedule.StepDecay(0.1, 30, 0.1);
        assertEquals(0.1, step.rate(30, 9, 10), 1e-12);
        assertEquals(0.01, step.rate(31, 0, 10), 1e-12);
        assertEquals(0.001, step.rate(61, 0, 10), 1e-12);

        // 10 epochs of 4 batches, 2 of them warm-up: the first batch runs at 1/4 of an epoch's share, 1/9 of the base.
        var cosine = new LearningRateSchedule.Cosine(0.1, 10, 2, 0.02);
        assertEquals(0.1 * 0.25 / 2.25, cosine.rate(1, 0, 4), 1e-12);
        assertEquals(0.1 * 2.0 / 2.25, cosine.rate(2, 3, 4), 1e-12);
        assertEquals(0.1, cosine.rate(3, 0, 4), 1e-12); // the end of the warm-up: the base rate
        // Halfway through the 8 decaying epochs (epoch 7 starts at t = 6): cos(pi/2) = 0 -> 0.02 + 0.98 / 2 = 0.51.
        assertEquals(0.1 * 0.51, cosine.rate(7, 0, 4), 1e-12);
        assertEquals(0.1 * 0.02, cosine.rate(11, 0, 4), 1e-12); // past the end it stays at the floor
        var noWarmup = new LearningRateSchedule.Cosine(0.1, 10, 0, 0.02);
        assertEquals(0.1, noWarmup.rate(1, 0, 4), 1e-12);
    }

    @Test
    void labelSmoothingMovesTheTargetAndTheGradient() {
        // logits (0, ln 3): p = (0.25, 0.75). Smoothing 0.1 over 2 classes: target (0.05, 0.95).
        float[] logits = {0, (float) Math.log(3)};
        float[] d = new float[2];
        double loss = CrossEntropy.lossAndGradient(logits, 1, 0.1, 1, d);
        assertEquals(-(0.05 * Math.log(0.25) + 0.95 * Math.log(0.75)), loss, 1e-6);
        assertArrayEquals(new float[] {0.2f, -0.2f}, d, 1e-6f);
        double plain = CrossEntropy.lossAndGradient(logits, 1, 0, 0.5f, d);
        assertEquals(-Math.log(0.75), plain, 1e-6);
        assertArrayEquals(new float[] {0.125f, -0.125f}, d, 1e-6f); // (p - onehot) * 0.5
        // Huge logits do not overflow.
        assertEquals(0, CrossEntropy.lossAndGradient(new float[] {1e30f, -1e30f}, 0, 0, 1, d), 1e-9);
    }

    @Test
    void weightAverageWarmsUpThenSwapsBackAndForth() {
        List<ParameterBlock> p = blocks(1, 1, 1);
        WeightAverage average = new WeightAverage(p, 0.9);
        p.get(0).values()[0] = 2;
        average.update(p); // decay min(0.9, 1/10) = 0.1: 0.1 * 1 + 0.9 * 2 = 1.9
        p.get(0).values()[0] = 3;
        average.update(p); // decay min(0.9, 2/11): 2/11 * 1.9 + 9/11 * 3 = 2.8
        average.swap(p);
        assertEquals(2.8f, p.get(0).values()[0], 1e-6f);
        assertEquals(1f, p.get(1).values()[0], 1e-6f);
        average.swap(p);
        assertEquals(3f, p.get(0).values()[0]);
    }

    /** A training step needs the parameters' gradients only: the first layer's input gradient is never computed. */
    @Test
    void aTrainingStepSkipsTheGradientOfTheImages() throws Exception {
        ArchitectureDesign tiny = ArchitectureDesign.tinyVgg(10);
        List<String> classes = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        try (TrainerNetwork network = TrainableNetworks.create(tiny, classes, 1)) {
            float[][] images = {new float[3 * 64 * 64], new float[3 * 64 * 64]};
            Gradients g = network.lossGradients(images, new int[] {0, 1}, 0, 1);
            assertTrue(g.activations()[0] == null, "the input's gradient was computed");
            assertNotNull(g.activations()[1]);
            assertEquals(network.parameters().size(), g.parameters().size());
        }
    }

    @Test
    void aStepThatCannotFitIsRefusedBeforeAnyImageIsDecoded() throws Exception {
        ArchitectureDesign tiny = ArchitectureDesign.tinyVgg(10);
        // Tiny VGG keeps about 201,000 values an image (input 12,288, conv_1_1 and relu_1_1 38,440 each, ...):
        // 1.6 MB a step per image with their gradients, 6.3 GB for 4,096 images.
        TrainableNetworks.requireFits(tiny, 32, 512L << 20);
        IOException e = assertThrows(IOException.class, () -> TrainableNetworks.requireFits(tiny, 4096, 2L << 30));
        assertEquals(
                "training Tiny VGG at 64 x 64 with batches of 4096 needs about 6,283 MB for one step, more than the "
                        + "2,048 MB this JVM has free; give a smaller --batch, or more memory (java -Xmx8g ...)",
                e.getMessage());
    }
}
