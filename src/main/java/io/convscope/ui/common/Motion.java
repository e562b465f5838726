package io.convscope.ui.common;

import javafx.animation.Interpolator;

/** Every animation timing of the app in one place (CNN Explainer's values, in milliseconds). */
public final class Motion {

    static final double IMAGE_FADE_OUT_MS = 300;
    public static final double IMAGE_FADE_IN_MS = 700;
    public static final double OUTPUT_BAR_MS = 800;
    public static final double OUTPUT_BAR_DELAY_MS = 500;
    static final double EDGE_HIGHLIGHT_MS = 400;
    /** One position of a formula panel's sliding window. */
    public static final int FORMULA_STEP_MS = 250;
    /** One kernel position of the hyperparameter playground (CNN Explainer: 1000). */
    public static final int PLAYGROUND_STEP_MS = 1000;
    /** How long a control that another change adjusted stays marked. */
    public static final double ADJUSTED_MARK_MS = 900;
    /** How far the network fades back while an explanation is open. */
    public static final double FADED_OPACITY = 0.18;
    /** An explanation view growing out of its neuron (CNN Explainer's column moves take 500 ms). */
    public static final double VIEW_OPEN_MS = 500;

    public static final double VIEW_START_SCALE = 0.1;
    /** Cubic in-out, the easing CNN Explainer uses for its moves. */
    public static final Interpolator EASE = Interpolator.SPLINE(0.65, 0, 0.35, 1);

    private Motion() {}
}
