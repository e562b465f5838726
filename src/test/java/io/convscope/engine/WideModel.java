package io.convscope.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model that loads in a second but cannot run: one 3 x 3 convolution of 200,000 ReLU filters over 128 x 128 x 3
 * (5.4 M weights, 22 MB), whose one pass keeps 200,000 maps of 126 x 126 before and after ReLU, 23.7 GB. Saved as
 * our own format ({@code wide.zip} and its JSON) for tests that check the refusal; nothing runs it.
 */
public final class WideModel {

    private WideModel() {}

    public static Path save(Path dir) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .nOut(200_000)
                        .activation(Activation.RELU)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(128, 128, 3))
                .build());
        net.init();
        Path zip = dir.resolve("wide.zip");
        ModelStore.save(net, new ModelMetadata("wide", List.of("a", "b"), 128, 128, 3, null), zip);
        return zip;
    }
}
