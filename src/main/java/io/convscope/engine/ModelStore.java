package io.convscope.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Path;

/** Our own model format: a DL4J {@code .zip} plus its {@link ModelMetadata} JSON beside it, both written atomically. */
public final class ModelStore {

    private ModelStore() {
    }

    /** Writes the network (without updater state: a shipped model is for inference) and then its metadata. */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Path zip) throws IOException {
        AtomicFiles.write(zip, out -> ModelSerializer.writeModel(net, out, false));
        metadata.write(ModelMetadata.sidecarOf(zip));
    }
}
