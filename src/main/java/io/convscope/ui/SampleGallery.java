package io.convscope.ui;

import java.util.List;

/** The sample images shipped in {@code sample-images/} (inside the jar too), in gallery order. */
final class SampleGallery {

    static final String RESOURCE_DIR = "/sample-images/";
    static final String DEFAULT = "coffee.png";

    /** Photos first (the espresso is CNN Explainer's opening image too), then the images we drew to teach edges. */
    static final List<String> FILES = List.of(
            "coffee.png", "chelsea.png", "horse.png", "astronaut.png", "rocket.jpg",
            "orange-disc.png", "edge-vertical.png", "edge-horizontal.png", "edge-diagonal.png",
            "edge-antidiagonal.png", "stripes-vertical.png", "stripes-horizontal.png", "checkerboard.png",
            "colour-patches.png", "gradient.png", "gradient-colour.png", "shapes.png");

    private SampleGallery() {
    }

    /** "coffee.png" -> "coffee": the key of its caption in samples.properties. */
    static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
