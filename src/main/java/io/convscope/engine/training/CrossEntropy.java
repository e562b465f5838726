package io.convscope.engine.training;

/**
 * Softmax cross-entropy with label smoothing: the target puts {@code 1 - smoothing} on the true class and spreads
 * {@code smoothing} evenly over all classes, which keeps a small network from growing its logits without end on
 * images it already classifies right.
 */
final class CrossEntropy {

    private CrossEntropy() {}

    /**
     * The loss of one example and, written into {@code dLogits}, its gradient with respect to the logits times
     * {@code scale} (the trainer's {@code 1 / batch}). The softmax subtracts the largest logit first, so large logits
     * cannot overflow.
     */
    static double lossAndGradient(float[] logits, int label, double smoothing, float scale, float[] dLogits) {
        int k = logits.length;
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp(z - max);
        }
        double logSum = Math.log(sum);
        double loss = 0;
        for (int o = 0; o < k; o++) {
            double logP = logits[o] - max - logSum;
            double target = smoothing / k + (o == label ? 1 - smoothing : 0);
            loss -= target * logP;
            dLogits[o] = (float) ((Math.exp(logP) - target) * scale);
        }
        return loss;
    }

    /** The class with the largest logit (the first on ties). */
    static int argmax(float[] values) {
        int best = 0;
        for (int o = 1; o < values.length; o++) {
            if (values[o] > values[best]) {
                best = o;
            }
        }
        return best;
    }
}
