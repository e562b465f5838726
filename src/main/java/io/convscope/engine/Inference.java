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
        float[] input = ImagePreprocessor.load(image, model.inputHeight(), model.inputWidth());
        return cache.get(key, () -> model.compiled().forward(input));
    }

    /** Preprocesses a decoded image (e.g. from the clipboard) and runs it under {@code key}. */
    public ActivationSnapshot run(String key, BufferedImage upright) {
        return cache.get(key, () -> model.compiled().forward(ImagePreprocessor.toChw(
                ImagePreprocessor.resizeAndCrop(upright, model.inputHeight(), model.inputWidth()))));
    }

    /** Runs an already preprocessed channel-major input without caching. */
    public ActivationSnapshot run(float[] input) {
        return model.compiled().forward(input);
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
