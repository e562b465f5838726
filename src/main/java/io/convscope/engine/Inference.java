package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One model and its snapshot cache: turns an image file (or decoded image) into an {@link ActivationSnapshot}.
 * Thread-safe; the UI calls it off the JavaFX thread.
 */
public final class Inference {

    static final int CACHE_SIZE = 64;

    private final LoadedModel model;
    private final SnapshotCache cache = new SnapshotCache(CACHE_SIZE);

    public Inference(LoadedModel model) {
        this.model = model;
    }

    public LoadedModel model() {
        return model;
    }

    /** A file's snapshot; the cache key includes size and modification time, so an edited file is recomputed. */
    public ActivationSnapshot run(Path image) throws ImageInputException {
        String key = key(image);
        ActivationSnapshot cached = cache.peek(key);
        if (cached != null) {
            return cached;
        }
        float[] input = channels(ImagePreprocessor.load(image, model.inputHeight(), model.inputWidth()));
        return cache.get(key, () -> model.compiled().forward(input));
    }

    /** Preprocesses a decoded image (e.g. from the clipboard) and runs it under {@code key}. */
    public ActivationSnapshot run(String key, BufferedImage upright) {
        return cache.get(key, () -> model.compiled().forward(channels(ImagePreprocessor.toChw(
                ImagePreprocessor.resizeAndCrop(upright, model.inputHeight(), model.inputWidth())))));
    }

    /** Runs an already preprocessed channel-major input without caching. */
    public ActivationSnapshot run(float[] input) {
        return model.compiled().forward(input);
    }

    /**
     * The preprocessed RGB image in the channels the model reads: unchanged for colour models; for a one-channel
     * model (LeNet) the mean of R, G and B, which keeps grey images exactly as they are stored.
     */
    private float[] channels(float[] rgb) {
        if (model.metadata().inputChannels() != 1) {
            return rgb;
        }
        int plane = rgb.length / 3;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = (rgb[i] + rgb[plane + i] + rgb[2 * plane + i]) / 3f;
        }
        return grey;
    }

    private static String key(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        try {
            return abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
        } catch (IOException e) {
            return abs.toString();
        }
    }
}
