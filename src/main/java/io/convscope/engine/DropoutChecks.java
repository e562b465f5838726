package io.convscope.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What training refuses before it starts: training computes DL4J's plain {@code DropoutLayer} only, so a dropout DL4J
 * applies to a layer's input (its {@code dropOut} setting), or dropout with a schedule, which would silently not
 * happen, is refused with a sentence naming the layer.
 */
final class DropoutChecks {

    private DropoutChecks() {}

    static void check(MultiLayerNetwork net) throws ModelLoadException {
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            check(conf.getLayer());
        }
    }

    static void check(ComputationGraph graph) throws ModelLoadException {
        for (GraphVertex v : graph.getConfiguration().getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                check(lv.getLayerConf().getLayer());
            }
        }
    }

    /**
     * Training computes DL4J's plain {@code DropoutLayer} only: a dropout DL4J applies to a layer's input (its
     * {@code dropOut} setting), or another kind of dropout, would silently not happen, so it is refused.
     */
    private static void check(Layer layer) throws ModelLoadException {
        IDropout d = layer.getIDropout();
        if (d == null) {
            return;
        }
        String name = layer.getLayerName();
        if (!(layer instanceof DropoutLayer)) {
            throw new ModelLoadException("layer " + name + " applies dropout to its input, which ConvScope cannot"
                    + " train; put a dropout layer before it instead");
        }
        if (!(d instanceof Dropout plain) || plain.getPSchedule() != null) {
            throw new ModelLoadException(
                    "layer " + name + " uses " + d.getClass().getSimpleName()
                            + ", which ConvScope cannot train; only plain dropout with a fixed probability");
        }
    }
}
