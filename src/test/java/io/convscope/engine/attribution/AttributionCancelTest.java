package io.convscope.engine.attribution;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.attribution.AttributionProgress.Stage;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import io.convscope.network.SanityStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every long attribution computation tells its progress at its steps and stops at the first step after it is told
 * to: a progress that says "stop" after k steps sees exactly k + 1 steps (so at most k + 1 batches of work were done),
 * and the next computation on the same network gives the numbers an untouched one gives. Steps are counted through
 * the callback; nothing is timed.
 */
class AttributionCancelTest {

    private static final int K = 2;

    private static LoadedModel tinyVgg;
    private static float[] coffee;

    @BeforeAll
    static void bundled() throws Exception {
        tinyVgg = ModelLoader.loadBundled();
        coffee = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
    }

    /** Says go on for {@code allowed} counted steps, then stop; remembers every step it was told of. */
    private static final class Stopper implements AttributionProgress {
        final int allowed;
        /** Which steps count ({done, total, fraction}): all, or e.g. only whole maps of a sanity check. */
        final Predicate<double[]> counts;

        final List<double[]> seen = new ArrayList<>();
        final List<Stage> stages = new ArrayList<>();
        int counted;

        Stopper(int allowed) {
            this(allowed, step -> true);
        }

        Stopper(int allowed, Predicate<double[]> counts) {
            this.allowed = allowed;
            this.counts = counts;
        }

        @Override
        public boolean advanced(Stage stage, int done, int total, double fraction) {
            double[] step = {done, total, fraction};
            stages.add(stage);
            seen.add(step);
            counted += counts.test(step) ? 1 : 0;
            return counted <= allowed;
        }

        int steps() {
            return seen.size();
        }

        double[] last() {
            return seen.get(seen.size() - 1);
        }
    }

    @Test
    void smoothGradStopsAtTheStepAfterItIsToldTo() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        // Batches of a.chunk() samples: enough samples for more batches than the stopper allows.
        AttributionSettings s = AttributionSettings.DEFAULTS.withSmoothing(a.chunk() * (K + 2), 0.1);
        stopsAfterK(a, p -> a.compute(AttributionMethod.SMOOTHGRAD, coffee, t, s, p), Stage.SAMPLE, a.chunk());
        assertArrayEquals(
                Attribution.of(tinyVgg)
                        .compute(AttributionMethod.SMOOTHGRAD, coffee, t, s)
                        .values(),
                a.compute(AttributionMethod.SMOOTHGRAD, coffee, t, s).values(),
                "the next SmoothGrad on the same network is the one an untouched network computes");
    }

    @Test
    void integratedGradientsStopAtTheStepAfterItIsToldTo() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        AttributionSettings s = AttributionSettings.DEFAULTS.withSteps(a.chunk() * (K + 2));
        stopsAfterK(a, p -> a.compute(AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, s, p), Stage.STEP, a.chunk());
        AttributionMap fresh = Attribution.of(tinyVgg).compute(AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, s);
        AttributionMap again = a.compute(AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, s);
        assertArrayEquals(fresh.values(), again.values());
        assertEquals(fresh.figures(), again.figures());
    }

    @Test
    void occlusionStopsAtTheBatchAfterItIsToldTo() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        // Stride 2: 29 x 29 windows, many batches.
        AttributionSettings s = AttributionSettings.DEFAULTS.withOcclusion(8, 2, 0.5f);
        stopsAfterK(a, p -> a.compute(AttributionMethod.OCCLUSION, coffee, t, s, p), Stage.WINDOW, a.chunk());
        assertArrayEquals(
                Attribution.of(tinyVgg)
                        .compute(AttributionMethod.OCCLUSION, coffee, t, s)
                        .values(),
                a.compute(AttributionMethod.OCCLUSION, coffee, t, s).values());
    }

    @Test
    void theSanityCheckStopsAtTheLayerAfterItIsToldToAndRestoresTheWeights() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        AttributionSettings s = AttributionSettings.DEFAULTS.withSeed(4);
        List<float[]> before = new ArrayList<>();
        a.network().parameters().forEach(b -> before.add(b.values().clone()));
        // Counted: the whole maps, the original one and then one per randomised layer (each map's pass also tells its
        // layers, as parts of the map's share).
        Stopper stopper = new Stopper(K, step -> step[2] * step[1] == step[0]);
        assertThrows(
                AttributionCancelledException.class,
                () -> SanityCheck.cascade(a, AttributionMethod.GRADIENT, coffee, t, s, stopper));
        assertEquals(K + 1, stopper.counted, "no map after the one told to stop");
        assertEquals(K + 1, (int) stopper.last()[0], "maps done: the original and " + K + " randomised layers");
        assertEquals(stopper.last()[0] / stopper.last()[1], stopper.last()[2], 1e-12, "the stop came at a whole map");
        assertTrue(stopper.last()[0] < stopper.last()[1], "stopped before the end");
        assertTrue(stopper.stages.stream().allMatch(x -> x == Stage.LAYER));
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), a.network().parameters().get(i).values(), "block " + i + " restored");
        }
        List<SanityStep> fresh = SanityCheck.cascade(Attribution.of(tinyVgg), AttributionMethod.GRADIENT, coffee, t, s);
        List<SanityStep> again = SanityCheck.cascade(a, AttributionMethod.GRADIENT, coffee, t, s);
        assertEquals(fresh.size(), again.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(fresh.get(i).spearman(), again.get(i).spearman());
            assertArrayEquals(fresh.get(i).map().values(), again.get(i).map().values());
        }
    }

    /**
     * The gradient and the CAMs are one pass each: they tell each layer, forward then backward, and stop at the layer
     * after they are told to; the next map on the same network is an untouched network's.
     */
    @Test
    void singlePassMapsStopAtTheLayerAfterTheyAreToldTo() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        AttributionSettings s = AttributionSettings.DEFAULTS;
        for (AttributionMethod method : List.of(
                AttributionMethod.GRADIENT,
                AttributionMethod.GRAD_CAM,
                AttributionMethod.HIRES_CAM,
                AttributionMethod.GRAD_CAM_PLUS_PLUS)) {
            Stopper stopper = new Stopper(K);
            assertThrows(AttributionCancelledException.class, () -> a.compute(method, coffee, t, s, stopper));
            assertEquals(K + 1, stopper.steps(), method + ": no layer after the one told to stop");
            assertEquals(K + 1, (int) stopper.last()[0], method + ": layers done");
            assertEquals(2 * t.layer(), (int) stopper.last()[1], method + ": every layer forward, then backward");
            assertTrue(stopper.stages.stream().allMatch(x -> x == Stage.PASS), stopper.stages.toString());

            Stopper all = new Stopper(Integer.MAX_VALUE);
            AttributionMap told = a.compute(method, coffee, t, s, all);
            assertEquals(2 * t.layer(), all.steps(), method + ": one step per layer, forward then backward");
            assertRises(all.seen);
            AttributionMap fresh = Attribution.of(tinyVgg).compute(method, coffee, t, s);
            assertArrayEquals(fresh.values(), told.values(), method + ": told or not, the same numbers");
            assertEquals(fresh.logit(), told.logit());
        }
    }

    /** Told of every batch, in order, up to the whole; and the map is the plain overload's, bit for bit. */
    @Test
    void progressRisesToTheWholeAndChangesNoNumber() throws Exception {
        Attribution a = Attribution.of(tinyVgg);
        AttributionTarget t = a.topClass(coffee);
        AttributionSettings s = AttributionSettings.DEFAULTS.withSteps(a.chunk() * 2 + 5);
        Stopper all = new Stopper(Integer.MAX_VALUE);
        AttributionMap told = a.compute(AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, s, all);
        assertEquals(3, all.steps(), "two full batches and the rest");
        assertRises(all.seen);
        assertEquals(s.steps(), (int) all.last()[0]);
        assertArrayEquals(
                a.compute(AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, s).values(), told.values());

        // Nested: the sanity check of integrated gradients moves within each layer's share.
        Stopper nested = new Stopper(Integer.MAX_VALUE);
        AttributionSettings few = AttributionSettings.DEFAULTS.withSteps(a.chunk() + 1);
        List<SanityStep> steps = SanityCheck.cascade(a, AttributionMethod.INTEGRATED_GRADIENTS, coffee, t, few, nested);
        assertRises(nested.seen);
        assertEquals((steps.size() + 1) * 3, nested.steps(), "two batches and the map's end, per map");
        assertEquals(steps.size() + 1, (int) nested.last()[1], "counted in maps");
    }

    private static void assertRises(List<double[]> seen) {
        double previous = 0;
        for (double[] p : seen) {
            assertTrue(p[2] >= previous && p[2] > 0 && p[2] <= 1, "fraction " + p[2] + " after " + previous);
            previous = p[2];
        }
        assertEquals(1.0, previous, 1e-12, "the last step completes the work");
    }

    private static void stopsAfterK(
            Attribution a, Function<AttributionProgress, AttributionMap> run, Stage stage, int batch) {
        Stopper stopper = new Stopper(K);
        assertThrows(AttributionCancelledException.class, () -> run.apply(stopper));
        assertEquals(K + 1, stopper.steps(), "no step after the one told to stop");
        double[] last = stopper.last();
        assertEquals((K + 1) * batch, (int) last[0], "done: the batches before the stop");
        assertTrue(last[0] < last[1], "stopped before the end: " + last[0] + " of " + last[1]);
        assertTrue(stopper.stages.stream().allMatch(x -> x == stage), stopper.stages.toString());
    }
}
