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

    private final LoadedModel model;
    private final SnapshotCache cache;

    /** Caches snapshots in at most {@link SnapshotCache#HEAP_FRACTION} of the maximum heap (less when it is full). */
    public Inference(LoadedModel model) {
        this(model, SnapshotCache.forHeap(PassMemory.of(model.description()).total()));
    }

    Inference(LoadedModel model, SnapshotCache cache) {
        this.model = model;
        this.cache = cache;
    }

    /**
     * Refuses a model whose forward pass with every activation kept cannot fit in the free heap, with a sentence
     * naming it and the figures; every path that runs a model (predict, evaluate, bench, the app) checks this first.
     */
    public static LoadedModel requireFits(LoadedModel model) throws ModelTooBigException {
        PassMemory.of(model.description()).requireFitsHeap(model.source());
        return model;
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

    /**
     * A file's snapshot without keeping it: the caller (predict) reads it once, so it can be collected as soon as
     * the caller is done, and a run over many images holds one at a time.
     */
    public ActivationSnapshot runOnce(Path image) throws ImageInputException {
        return model.compiled()
                .forward(channels(ImagePreprocessor.load(image, model.inputHeight(), model.inputWidth())));
    }

    /** The snapshot cached under {@code key}, or null; the app asks before recomputing an image it showed. */
    public ActivationSnapshot cached(String key) {
        return cache.peek(key);
    }

    /** The most the cached snapshots may hold, in bytes. */
    public long cacheBudget() {
        return cache.budget();
    }

    /** What the cached snapshots hold, in bytes: at most {@link #cacheBudget()}. */
    public long cachedBytes() {
        return cache.bytes();
    }

    /** Preprocesses a decoded image (e.g. from the clipboard) and runs it under {@code key}. */
    public ActivationSnapshot run(String key, BufferedImage upright) {
        return cache.get(key, () -> model.compiled().forward(channels(ImagePreprocessor.toChw(resized(upright)))));
    }

    /** The image as the network sees it: resized and cropped to the input; the app shows it beside the original. */
    public BufferedImage resized(BufferedImage upright) {
        return ImagePreprocessor.resizeAndCrop(upright, model.inputHeight(), model.inputWidth());
    }

    /**
     * Runs an image already {@link #resized(BufferedImage) resized} under {@code key}, so the app, which shows that
     * image, resizes each image once rather than once to show and again to run.
     */
    public ActivationSnapshot runResized(String key, BufferedImage input) {
        if (input.getHeight() != model.inputHeight() || input.getWidth() != model.inputWidth()) {
            throw new IllegalArgumentException("the image is " + input.getWidth() + "x" + input.getHeight()
                    + ", not the model's " + model.inputWidth() + "x" + model.inputHeight());
        }
        return cache.get(key, () -> model.compiled().forward(channels(ImagePreprocessor.toChw(input))));
    }

    /** Runs an already preprocessed channel-major input without caching. */
    public ActivationSnapshot run(float[] input) {
        return model.compiled().forward(input);
    }

    /**
     * The preprocessed RGB image in the channels the model reads: unchanged for colour models; for a one-channel
     * model (LeNet) the mean of R, G and B, which keeps grey images exactly as they are stored.
     */
    float[] channels(float[] rgb) {
        return channels(rgb, model.metadata().inputChannels());
    }

    /** As {@link #channels(float[])}, for a network that reads {@code channels} channels (a designed one too). */
    static float[] channels(float[] rgb, int channels) {
        if (channels != 1) {
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
            return abs + "|" + Files.size(abs) + "|"
                    + Files.getLastModifiedTime(abs).toMillis();
        } catch (IOException e) {
            return abs.toString();
        }
    }
}
