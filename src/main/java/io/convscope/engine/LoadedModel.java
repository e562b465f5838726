package io.convscope.engine;

import io.convscope.engine.compile.ArchitectureConverter;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import io.convscope.network.graph.ArchitectureGraph;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * A model ready to run: its metadata, the compiled fast path that produces activation snapshots and, kept inside the
 * engine, DL4J's network (a {@link MultiLayerNetwork} or a {@link ComputationGraph}; for training, evaluation and as
 * the reference implementation). Callers above the engine see only network types: the DL4J objects never leave this
 * package, so the layers above stay free of DL4J and ND4J.
 */
public final class LoadedModel {

    private final String source;
    private final Model network;
    private final ModelMetadata metadata;
    private final CompiledNetwork compiled;
    private final boolean randomWeights;

    /**
     * @param source        where it came from, for messages and the title bar
     * @param randomWeights its weights are seeded random draws (a zoo preset), so its predictions mean nothing
     */
    LoadedModel(String source, Model network, ModelMetadata metadata, CompiledNetwork compiled, boolean randomWeights) {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException(
                    "not a DL4J network: " + network.getClass().getSimpleName());
        }
        this.source = source;
        this.network = network;
        this.metadata = metadata;
        this.compiled = compiled;
        this.randomWeights = randomWeights;
    }

    /** A model with trained (or at least loaded) weights. */
    LoadedModel(String source, Model network, ModelMetadata metadata, CompiledNetwork compiled) {
        this(source, network, metadata, compiled, false);
    }

    /** Where it came from, for messages and the title bar. */
    public String source() {
        return source;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public CompiledNetwork compiled() {
        return compiled;
    }

    /** Its weights are seeded random draws (a zoo preset), so its predictions mean nothing. */
    public boolean randomWeights() {
        return randomWeights;
    }

    public NetworkDescription description() {
        return compiled.description();
    }

    public boolean isGraph() {
        return network instanceof ComputationGraph;
    }

    public int inputHeight() {
        return metadata.inputHeight();
    }

    public int inputWidth() {
        return metadata.inputWidth();
    }

    /** DL4J's own count of the parameters, the reference the app's cost analysis is checked against. */
    public long parameterCount() {
        return network.numParams();
    }

    /** Its layered graph with every figure, for the architecture analyzer, at the input size its metadata gives. */
    public ArchitectureGraph architecture() {
        return ArchitectureConverter.of(this);
    }

    /**
     * DL4J's own {@code feedForward} on one image, every layer's output kept: what our compiled pass replaces. The
     * input is copied into ND4J once, so timing the returned pass times DL4J alone.
     *
     * @param input one image, channels first, as {@link CompiledNetwork#forward(float[])} takes it
     */
    public Supplier<Object> referencePass(float[] input) {
        Shape in = description().inputShape();
        INDArray x = Nd4j.create(input, new long[] {1, in.channels(), in.height(), in.width()}, 'c');
        return () -> referenceActivations(x);
    }

    public Model network() {
        return network;
    }

    /** The DL4J network when it is a chain of layers; training and the bundled model's tools need one. */
    public MultiLayerNetwork chain() {
        if (network instanceof MultiLayerNetwork m) {
            return m;
        }
        throw new IllegalStateException(source + " is a graph of layers, not a chain");
    }

    /** DL4J's own forward pass to the output, for comparisons (its slower reference path). */
    INDArray referenceOutput(INDArray input) {
        return network instanceof MultiLayerNetwork m
                ? m.output(input, false)
                : ((ComputationGraph) network).outputSingle(false, input);
    }

    /** DL4J's own {@code feedForward}, every layer's output kept. */
    Object referenceActivations(INDArray input) {
        return network instanceof MultiLayerNetwork m
                ? m.feedForward(input, false)
                : ((ComputationGraph) network).feedForward(input, false);
    }

    @Override
    public String toString() {
        return "LoadedModel[" + source + "]";
    }
}
