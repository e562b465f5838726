package io.convscope.ui.common;

import io.convscope.explain.ValueColors;
import javafx.scene.paint.Color;

/**
 * Colours of the overview: data colours come from CNN Explainer's scales (the same in both themes, so a value always
 * looks the same); edges and text follow the theme.
 */
public final class Palette {

    /** The app's stylesheet, on every scene (the main window and the analyzer). */
    public static final String STYLESHEET = "/io/convscope/ui/convscope.css";

    public static final Color EDGE_LIGHT = Color.rgb(215, 215, 215);
    static final Color EDGE_HIGHLIGHT_LIGHT = Color.rgb(110, 110, 110);
    public static final Color EDGE_DARK = Color.rgb(70, 74, 82);
    static final Color EDGE_HIGHLIGHT_DARK = Color.rgb(190, 195, 205);
    static final Color ACCENT_LIGHT = Color.web("#0969da");
    static final Color ACCENT_DARK = Color.web("#2f81f7");
    static final Color BAR_LIGHT = Color.rgb(175, 175, 175);
    static final Color BAR_DARK = Color.rgb(105, 110, 120);
    static final Color TEXT_LIGHT = Color.rgb(60, 60, 60);
    static final Color TEXT_DARK = Color.rgb(200, 204, 212);
    /** YOLO's boxes over a photo: a saturated orange reads on light, dark and busy images alike. */
    public static final Color DETECTION_BOX = Color.web("#ff8c00");
    /** U-Net's mask over a photo (RGB, its alpha is the mask's value): magenta, a colour photos rarely contain. */
    public static final int MASK_TINT_RGB = 0xe6007e;
    /** The grid cells drawn under YOLO's boxes. */
    public static final Color DETECTION_GRID = Color.rgb(255, 255, 255, 0.35);

    private boolean dark;

    public Palette(boolean dark) {
        this.dark = dark;
    }

    public void dark(boolean on) {
        dark = on;
    }

    public boolean isDark() {
        return dark;
    }

    /** An input pixel value in [0, 1]: white is 1, as CNN Explainer draws the three channels. */
    public int input(double value) {
        return ValueColors.input(value);
    }

    /** An activation: red below zero, white at zero, blue above, over [-range/2, range/2]. */
    public int activation(double value, double range) {
        return ValueColors.activation(value, range);
    }

    public Color edge() {
        return dark ? EDGE_DARK : EDGE_LIGHT;
    }

    public Color edgeHighlight() {
        return dark ? EDGE_HIGHLIGHT_DARK : EDGE_HIGHLIGHT_LIGHT;
    }

    /** The top class's bar and the keyboard focus ring. */
    public Color accent() {
        return dark ? ACCENT_DARK : ACCENT_LIGHT;
    }

    public Color bar() {
        return dark ? BAR_DARK : BAR_LIGHT;
    }

    public Color text() {
        return dark ? TEXT_DARK : TEXT_LIGHT;
    }

    public static Color fx(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }
}
