package io.convscope.engine.training;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.Gradients;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/** Any network the engine compiles, trained through its backward pass; exported into the DL4J network it came from. */
final class CompiledTrainerNetwork implements TrainerNetwork {

    private final MultiLayerNetwork dl4j;
    private final TrainableNetwork network;
    private final Shape input;
    private final int classes;

    CompiledTrainerNetwork(MultiLayerNetwork dl4j, Shape input, List<String> classes) throws ModelLoadException {
        this.dl4j = dl4j;
        this.network = TrainableNetwork.compile(dl4j, input, classes);
        this.input = input;
        this.classes = classes.size();
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public NetworkDescription description() {
        return network.description();
    }

    @Override
    public List<ParameterBlock> parameters() {
        return network.parameters();
    }

    @Override
    public void parametersChanged() {
        network.parametersChanged();
    }

    @Override
    public Gradients lossGradients(float[][] images, int[] labels, double labelSmoothing, long seed) {
        // The optimiser reads parameter gradients only: the first layer's input gradient is never computed.
        return network.trainingGradients(images, labels, labelSmoothing, seed);
    }

    @Override
    public float[][] probabilities(float[][] images) {
        return network.probabilities(images);
    }

    @Override
    public MultiLayerNetwork toDl4j() {
        network.writeTo(dl4j);
        return dl4j;
    }
}
