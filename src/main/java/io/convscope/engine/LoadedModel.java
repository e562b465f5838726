package io.convscope.engine;

import io.convscope.network.NetworkDescription;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A model ready to run: DL4J's network (for training, evaluation and as the reference implementation), its
 * metadata and the compiled fast path that produces activation snapshots.
 *
 * @param source where it came from, for messages and the title bar
 */
public record LoadedModel(String source, MultiLayerNetwork network, ModelMetadata metadata, CompiledNetwork compiled) {

    public NetworkDescription description() {
        return compiled.description();
    }

    public int inputHeight() {
        return metadata.inputHeight();
    }

    public int inputWidth() {
        return metadata.inputWidth();
    }
}
