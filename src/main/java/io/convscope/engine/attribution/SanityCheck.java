package io.convscope.engine.attribution;

import io.convscope.engine.TrainableNetwork;
import io.convscope.network.AttributionMap;
import io.convscope.network.ParameterBlock;
import io.convscope.network.SanityStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static io.convscope.engine.attribution.AttributionProgress.Stage.LAYER;

/**
 * The cascading model-randomisation test of Adebayo et al. (2018): from the top layer down, one layer with weights
 * at a time, its weights and biases are replaced by Gaussian draws with the same mean and standard deviation as the
 * trained values (so the scale of each layer is kept; seeded), the map is recomputed, and compared with the original
 * by Spearman's rank correlation and a global SSIM, both of {@link AttributionMap#pixelMap()} (max |.| over channels
 * for the input methods, as Adebayo et al. compare absolute maps). Batch normalisation's running statistics are
 * kept. A method whose map stays alike while the model is destroyed is not explaining the model.
 * <p>
 * The network's parameters are restored afterwards, also when a step fails or the check is cancelled: the check
 * works on the {@link Attribution}'s own copy of the parameters, never on the loaded model.
 */
public final class SanityCheck {

    private SanityCheck() {}

    public static List<SanityStep> cascade(
            Attribution attribution,
            AttributionMethod method,
            float[] image,
            AttributionTarget target,
            AttributionSettings settings) {
        return cascade(attribution, method, image, target, settings, AttributionProgress.NONE);
    }

    /**
     * The cascade, telling {@code progress} after the original map and after each randomised layer (steps of
     * {@link AttributionProgress.Stage#LAYER}; the maps' own steps move the fraction within their layer's share).
     */
    public static List<SanityStep> cascade(
            Attribution attribution,
            AttributionMethod method,
            float[] image,
            AttributionTarget target,
            AttributionSettings settings,
            AttributionProgress progress) {
        TrainableNetwork network = attribution.network();
        // Layers with trained blocks, top first.
        TreeMap<Integer, List<ParameterBlock>> byLayer = new TreeMap<>();
        for (ParameterBlock b : network.parameters()) {
            if (b.trainable() && b.layer() <= target.layer()) {
                byLayer.computeIfAbsent(b.layer(), l -> new ArrayList<>()).add(b);
            }
        }
        int maps = byLayer.size() + 1;
        AttributionMap original = attribution.compute(method, image, target, settings, progress.part(LAYER, 0, maps));
        progress.reached(LAYER, 1, maps);
        float[] reference = original.pixelMap();
        List<float[]> saved = new ArrayList<>();
        for (ParameterBlock b : network.parameters()) {
            saved.add(b.values().clone());
        }
        Random random = new Random(settings.seed());
        List<SanityStep> steps = new ArrayList<>();
        try {
            for (int layer : byLayer.descendingKeySet()) {
                for (ParameterBlock b : byLayer.get(layer)) {
                    randomise(b.values(), random);
                }
                network.parametersChanged();
                AttributionMap map = attribution.compute(
                        method, image, target, settings, progress.part(LAYER, steps.size() + 1, maps));
                float[] now = map.pixelMap();
                steps.add(new SanityStep(
                        attribution.description().layer(layer).name(),
                        Heatmaps.spearman(reference, now),
                        Heatmaps.ssim(reference, now),
                        map));
                progress.reached(LAYER, steps.size() + 1, maps);
            }
        } finally {
            for (int i = 0; i < saved.size(); i++) {
                float[] live = network.parameters().get(i).values();
                System.arraycopy(saved.get(i), 0, live, 0, live.length);
            }
            network.parametersChanged();
        }
        return steps;
    }

    /** Gaussian draws with the array's own mean and standard deviation (a constant array: that constant, plus 1). */
    private static void randomise(float[] values, Random random) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(variance / values.length);
        if (sd == 0) {
            sd = Math.max(Math.abs(mean), 1e-2); // a bias initialised to zeros still gets changed
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + sd * random.nextGaussian());
        }
    }
}
