package io.convscope.engine;

import io.convscope.network.NetworkDescription;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model ready to run: DL4J's network (a {@link MultiLayerNetwork} or a {@link ComputationGraph}; for training,
 * evaluation and as the reference implementation), its metadata and the compiled fast path that produces activation
 * snapshots.
 *
 * @param source        where it came from, for messages and the title bar
 * @param randomWeights its weights are seeded random draws (a zoo preset), so its predictions mean nothing
 */
public record LoadedModel(String source, Model network, ModelMetadata metadata, CompiledNetwork compiled,
                          boolean randomWeights) {

    public LoadedModel {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a DL4J network: " + network.getClass().getSimpleName());
        }
    }

    /** A model with trained (or at least loaded) weights. */
    public LoadedModel(String source, Model network, ModelMetadata metadata, CompiledNetwork compiled) {
        this(source, network, metadata, compiled, false);
    }

    public NetworkDescription description() {
        return compiled.description();
    }

    /** The DL4J network when it is a chain of layers; training and the bundled model's tools need one. */
    public MultiLayerNetwork chain() {
        if (network instanceof MultiLayerNetwork m) {
            return m;
        }
        throw new IllegalStateException(source + " is a graph of layers, not a chain");
    }

    public boolean isGraph() {
        return network instanceof ComputationGraph;
    }

    /** DL4J's own forward pass to the output, for comparisons and benchmarks (its slower reference path). */
    public INDArray referenceOutput(INDArray input) {
        return network instanceof MultiLayerNetwork m ? m.output(input, false)
                : ((ComputationGraph) network).outputSingle(false, input);
    }

    /** DL4J's own {@code feedForward}, every layer's output kept: what our compiled pass replaces. */
    public Object referenceActivations(INDArray input) {
        return network instanceof MultiLayerNetwork m ? m.feedForward(input, false)
                : ((ComputationGraph) network).feedForward(input, false);
    }

    public int inputHeight() {
        return metadata.inputHeight();
    }

    public int inputWidth() {
        return metadata.inputWidth();
    }
}
