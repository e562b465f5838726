package io.convscope.engine.attribution;

/**
 * Told how far an attribution computation got at its natural steps (a batch of SmoothGrad's noisy samples, of
 * integrated gradients' steps or of occlusion's windows; a layer of the sanity check; a method of a comparison; a
 * layer of the one pass the gradient and the CAMs make), and asked whether to go on. Called on the computing thread,
 * between steps.
 * Plain Java, so the views can drive it without knowing the engine's libraries.
 */
@FunctionalInterface
public interface AttributionProgress {

    /** Never stops anything: the computations' plain overloads (and the CLI) use it. */
    AttributionProgress NONE = (stage, done, total, fraction) -> true;

    /** What the steps are. */
    enum Stage {
        /** SmoothGrad's noisy copies of the image. */
        SAMPLE,
        /** Integrated gradients' points on the path from the baseline. */
        STEP,
        /** Occlusion's window positions. */
        WINDOW,
        /** The sanity check's maps: the original one, then one per randomised layer. */
        LAYER,
        /** The methods of a comparison. */
        METHOD,
        /** The layers of a single pass, forward then backward (the gradient and the CAMs, which have no batches). */
        PASS
    }

    /**
     * {@code done} of {@code total} steps of {@code stage} are done; {@code fraction} is how much of the whole
     * computation is (equal to done / total unless this is part of a larger one, see {@link #part}).
     *
     * @return false to stop: the computation then throws {@link AttributionCancelledException}
     */
    boolean advanced(Stage stage, int done, int total, double fraction);

    /** Reports a step and throws {@link AttributionCancelledException} when told to stop. */
    default void reached(Stage stage, int done, int total) {
        if (!advanced(stage, done, total, total == 0 ? 1 : done / (double) total)) {
            throw new AttributionCancelledException();
        }
    }

    /**
     * Reports each layer of a pass of {@code total} layer steps as a {@link Stage#PASS} step, for
     * {@code TrainableNetwork}'s after-layer hook; stops the pass there when told to.
     */
    default Runnable layers(int total) {
        int[] done = {0};
        return () -> reached(Stage.PASS, Math.min(++done[0], total), total);
    }

    /**
     * The progress of part {@code index} (0-based) of {@code count} parts of {@code stage}: its own steps are told on
     * as "{@code index} of {@code count}" of the outer stage, with the fraction moving within the part's share.
     */
    default AttributionProgress part(Stage stage, int index, int count) {
        AttributionProgress outer = this;
        return (s, done, total, fraction) -> outer.advanced(stage, index, count, (index + fraction) / count);
    }
}
