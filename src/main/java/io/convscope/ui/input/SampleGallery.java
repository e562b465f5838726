package io.convscope.ui.input;

import io.convscope.engine.TinyVgg;

import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The sample images shipped in {@code sample-images/} (inside the jar too), in gallery order. */
public final class SampleGallery {

    public static final String RESOURCE_DIR = "/sample-images/";
    public static final String DEFAULT = "coffee.png";

    /** Photos first (the espresso is CNN Explainer's opening image too), then the images we drew to teach edges. */
    static final List<String> FILES = List.of(
            "coffee.png",
            "chelsea.png",
            "horse.png",
            "astronaut.png",
            "rocket.jpg",
            "orange-disc.png",
            "edge-vertical.png",
            "edge-horizontal.png",
            "edge-diagonal.png",
            "edge-antidiagonal.png",
            "stripes-vertical.png",
            "stripes-horizontal.png",
            "checkerboard.png",
            "colour-patches.png",
            "gradient.png",
            "gradient-colour.png",
            "shapes.png");

    private SampleGallery() {}

    /** "coffee.png" -> "coffee": the key of its caption in samples.properties. */
    static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /** The sample's short title, or its file name when the bundle has none. */
    public static String title(ResourceBundle samples, String file) {
        try {
            return samples.getString("sample." + stem(file) + ".title");
        } catch (MissingResourceException e) {
            return file;
        }
    }

    /**
     * The caption of a sample for a model predicting {@code classes} from an input of the given size. The captions
     * that name the ten classes are kept for models predicting exactly those (ours and CNN Explainer's); any other
     * gets the sample's general caption where it has one, and a model whose output is a map (no classes) its map caption.
     */
    public static String caption(
            ResourceBundle samples, String file, List<String> classes, int inputWidth, int inputHeight) {
        String key = "sample." + stem(file);
        if (classes.isEmpty() && samples.containsKey(key + ".map")) {
            return String.format(samples.getString(key + ".map"), inputWidth, inputHeight);
        }
        if (!TinyVgg.CLASSES.equals(classes) && samples.containsKey(key + ".general")) {
            return String.format(samples.getString(key + ".general"), inputWidth, inputHeight);
        }
        return samples.containsKey(key) ? samples.getString(key) : "";
    }
}
