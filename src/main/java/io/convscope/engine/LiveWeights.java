package io.convscope.engine;

import io.convscope.engine.runtime.NormalisationSteps;
import io.convscope.engine.runtime.Step;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A network description whose weights are a trained network's current parameters, so the views of a snapshot taken
 * while training (a kernel's weights on hover, batch normalisation's folded scale and shift) show the numbers the pass
 * used. Layers whose parameters are not trained keep the description's own.
 */
final class LiveWeights {

    private LiveWeights() {}

    static NetworkDescription describe(NetworkDescription d, List<Step> steps, List<ParameterBlock> blocks) {
        Map<String, LayerWeights> weights = new HashMap<>(d.weights());
        for (int layer = 1; layer < d.layers().size(); layer++) {
            String name = d.layer(layer).name();
            LayerWeights was = weights.get(name);
            if (was == null) {
                continue;
            }
            if (steps.get(layer - 1) instanceof NormalisationSteps.BatchNorm bn) {
                float[] scale = new float[bn.channels()];
                float[] shift = new float[bn.channels()];
                bn.fold(scale, shift);
                weights.put(name, new LayerWeights(bn.channels(), 1, 1, 1, scale, shift));
                continue;
            }
            float[] w = null;
            float[] b = null;
            for (ParameterBlock block : blocks) {
                if (block.layer() == layer && block.role() == ParameterBlock.Role.WEIGHT) {
                    w = block.values();
                } else if (block.layer() == layer && block.role() == ParameterBlock.Role.BIAS) {
                    b = block.values();
                }
            }
            if (w != null && w.length == was.weightArray().length) {
                weights.put(
                        name,
                        new LayerWeights(
                                was.outputs(),
                                was.inputs(),
                                was.kernelHeight(),
                                was.kernelWidth(),
                                w,
                                b != null && b.length == was.outputs() ? b : was.biasArray(),
                                was.groups()));
            }
        }
        return new NetworkDescription(d.name(), d.classes(), d.layers(), weights, d.inputs());
    }
}
