package io.convscope.engine.training;

import io.convscope.network.KernelStep;
import io.convscope.network.ParameterBlock;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded step is the optimiser's own: after it the network holds exactly the recorded new weights, the terms
 * written out give those weights again, the gradient equals a finite-difference estimate of the batch's mean loss,
 * and an unarmed inspector changes nothing about training.
 */
class StepInspectorTest {

    static final List<String> CLASSES = List.of("a", "b", "c");
    /** 32 x 32 x 3 -> conv 3 x 3 x 2 (30 x 30) -> relu -> average pool 5 (no max to switch under a nudge) (6 x 6) -> dense 3. */
    static final ArchitectureDesign TINY = new ArchitectureDesign(
            "tiny",
            32,
            3,
            3,
            List.of(
                    new Block.Conv(2, 3, 1, Block.Padding.VALID, "relu", false),
                    new Block.Pool(Block.PoolMode.AVG, 5, 5)));

    static TrainerNetwork network(long seed) throws Exception {
        return TrainableNetworks.create(TINY, CLASSES, seed);
    }

    static float[][] images(int n, long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[n][32 * 32 * 3];
        for (float[] image : x) {
            for (int i = 0; i < image.length; i++) {
                image[i] = rng.nextFloat();
            }
        }
        return x;
    }

    static final int[] LABELS = {0, 1, 2, 1};
    static final StepInspector.KernelChoice KERNEL = new StepInspector.KernelChoice(1, 1, 2);

    static float[] kernelNow(TrainerNetwork network) {
        ParameterBlock w = network.parameters().get(0);
        assertEquals(ParameterBlock.Role.WEIGHT, w.role());
        return StepInspector.slice(w.values(), (1 * 3 + 2) * 9, 9);
    }

    @Test
    void sgdStepIsWhatTheOptimiserWrote() throws Exception {
        try (TrainerNetwork network = network(3)) {
            SgdMomentum sgd = new SgdMomentum(network.parameters(), 0.9, 0.01);
            StepInspector inspector = new StepInspector(network);
            float[][] x = images(4, 1);
            inspector.step(sgd, x, LABELS, 0, 7, 0.05, KERNEL); // a first step, so velocity is not zero
            KernelStep s = inspector.step(sgd, images(4, 2), LABELS, 0, 7, 0.05, KERNEL);
            assertArrayEquals(kernelNow(network), s.after());
            KernelStep.Sgd t = (KernelStep.Sgd) s.terms();
            assertEquals(0.9, t.momentum(), 1e-12);
            assertEquals(0.01, t.weightDecay(), 1e-12);
            assertEquals(0.05, s.learningRate(), 1e-12);
            for (int i = 0; i < 9; i++) {
                assertTrue(t.velocityBefore()[i] != 0, "the second step carries momentum");
                // The same float arithmetic as SgdMomentum: v = mu v0 + g + decay w; w' = w - lr v.
                float v = 0.9f * t.velocityBefore()[i] + s.gradient()[i] + 0.01f * s.before()[i];
                assertEquals(v, t.velocityAfter()[i]);
                assertEquals(s.before()[i] - 0.05f * v, s.after()[i]);
            }
            assertTrue(s.layerName().startsWith("conv"), s.layerName());
            assertEquals(4, s.batch().size());
            assertArrayEquals(LABELS, s.batch().labels());
            assertEquals(CLASSES, s.batch().classes());
            assertTrue(s.batch().loss() > 0);
        }
    }

    @Test
    void adamStepIsWhatTheOptimiserWrote() throws Exception {
        try (TrainerNetwork network = network(4)) {
            AdamW adam = new AdamW(network.parameters(), 1e-3);
            StepInspector inspector = new StepInspector(network);
            inspector.step(adam, images(4, 1), LABELS, 0, 7, 0.01, KERNEL);
            KernelStep s = inspector.step(adam, images(4, 2), LABELS, 0, 7, 0.01, KERNEL);
            assertArrayEquals(kernelNow(network), s.after());
            KernelStep.Adam t = (KernelStep.Adam) s.terms();
            assertEquals(2, t.step());
            assertEquals(1 - 0.9 * 0.9, t.biasCorrection1(), 1e-6);
            assertEquals(1 - 0.999 * 0.999, t.biasCorrection2(), 1e-6);
            float keep = (float) (1 - 0.01 * 1e-3);
            for (int i = 0; i < 9; i++) {
                float g = s.gradient()[i];
                float m = 0.9f * t.mBefore()[i] + (1 - 0.9f) * g;
                float v = 0.999f * t.vBefore()[i] + (1 - 0.999f) * g * g;
                assertEquals(m, t.mAfter()[i]);
                assertEquals(v, t.vAfter()[i]);
                double mHat = m / t.biasCorrection1();
                double vHat = v / t.biasCorrection2();
                float w = s.before()[i] * keep - (float) (0.01f * mHat / (Math.sqrt(vHat) + 1e-8f));
                assertEquals(w, s.after()[i]);
            }
        }
    }

    @Test
    void theGradientIsTheSlopeOfTheBatchsMeanLoss() throws Exception {
        try (TrainerNetwork network = network(5)) {
            float[][] x = images(4, 9);
            StepInspector inspector = new StepInspector(network);
            // A learning rate of zero records the gradient and leaves the weights as they are.
            KernelStep s = inspector.step(new SgdMomentum(network.parameters(), 0, 0), x, LABELS, 0, 7, 0, KERNEL);
            float[] w = network.parameters().get(0).values();
            int from = (1 * 3 + 2) * 9;
            float h = 5e-4f;
            for (int i = 0; i < 9; i++) {
                float kept = w[from + i];
                w[from + i] = kept + h;
                network.parametersChanged();
                double up = network.lossGradients(x, LABELS, 0, 7).loss();
                w[from + i] = kept - h;
                network.parametersChanged();
                double down = network.lossGradients(x, LABELS, 0, 7).loss();
                w[from + i] = kept;
                network.parametersChanged();
                double estimate = (up - down) / (2 * h);
                assertEquals(estimate, s.gradient()[i], 2e-3 + 0.02 * Math.abs(estimate), "weight " + i);
            }
        }
    }

    @Test
    void unarmedItChangesNothingAndArmedItRecordsOneStep() throws Exception {
        try (TrainerNetwork plain = network(6);
                TrainerNetwork watchedOne = network(6)) {
            AdamW a = new AdamW(plain.parameters(), 1e-4);
            StepInspector inspector = new StepInspector(watchedOne);
            TrainerNetwork net = inspector.network();
            Optimiser b = inspector.watch(new AdamW(watchedOne.parameters(), 1e-4));
            AtomicReference<KernelStep> seen = new AtomicReference<>();
            for (int step = 0; step < 3; step++) {
                float[][] x = images(4, step);
                if (step == 1) {
                    inspector.arm(KERNEL, seen::set);
                }
                var ga = plain.lossGradients(x, LABELS, 0, step);
                a.update(plain.parameters(), ga.parameters().toArray(float[][]::new), 0.01);
                plain.parametersChanged();
                var gb = net.lossGradients(x, LABELS, 0, step);
                b.update(net.parameters(), gb.parameters().toArray(float[][]::new), 0.01);
                net.parametersChanged();
                if (step == 1) {
                    assertNotNull(seen.get());
                    assertArrayEquals(kernelNow(watchedOne), seen.get().after());
                    seen.set(null);
                }
            }
            assertNull(seen.get(), "one step only");
            for (int p = 0; p < plain.parameters().size(); p++) {
                assertArrayEquals(
                        plain.parameters().get(p).values(),
                        watchedOne.parameters().get(p).values());
            }
        }
    }

    @Test
    void theTrainersOwnEpochLoopRecordsTheStepItTook(@TempDir Path dir) throws Exception {
        try (DemoTraining run = DemoTraining.synthetic(dir, 8)) {
            KernelStep s = run.step(new StepInspector.KernelChoice(1, 4, 1));
            int from = (4 * 3 + 1) * 9;
            assertArrayEquals(Arrays.copyOfRange(run.parameters()[0], from, from + 9), s.after());
            assertEquals(0.002, s.learningRate(), 1e-12); // the standard recipe's cosine starts at its base rate
            assertEquals(8, s.batch().size());
            assertEquals(1, ((KernelStep.Adam) s.terms()).step());
            assertEquals(1, run.batch(), "one batch of the epoch done");
        }
    }

    @Test
    void aKernelTheNetworkDoesNotHaveIsRefused() throws Exception {
        try (TrainerNetwork network = network(7)) {
            StepInspector inspector = new StepInspector(network);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> inspector.arm(new StepInspector.KernelChoice(1, 2, 0), s -> {}));
            assertTrue(e.getMessage().contains("2 filters of 3 kernels"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> inspector.arm(new StepInspector.KernelChoice(2, 0, 0), s -> {}));
        }
    }
}
