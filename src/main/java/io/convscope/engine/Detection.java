package io.convscope.engine;

/**
 * YOLOv2's output: per cell, each anchor box's channels {@code [tx, ty, tw, th, to, class scores...]} become
 * {@code σ(tx), σ(ty)} (the centre inside the cell), {@code anchor × exp(tw), anchor × exp(th)} (the size in cells),
 * {@code σ(to)} (the objectness) and a softmax over the class scores.
 *
 * @param priors anchor width and height per box, in cells
 */
record Detection(float[] priors, int perBox, int plane) implements Step.OneInput {

    @Override
    public float[] forward(float[] x) {
        int boxes = priors.length / 2;
        float[] out = new float[x.length];
        float[] scores = new float[perBox - 5];
        for (int b = 0; b < boxes; b++) {
            int base = b * perBox * plane;
            for (int p = 0; p < plane; p++) {
                out[base + p] = ActivationFunction.sigmoid(x[base + p]);
                out[base + plane + p] = ActivationFunction.sigmoid(x[base + plane + p]);
                out[base + 2 * plane + p] = priors[2 * b] * (float) Math.exp(x[base + 2 * plane + p]);
                out[base + 3 * plane + p] = priors[2 * b + 1] * (float) Math.exp(x[base + 3 * plane + p]);
                out[base + 4 * plane + p] = ActivationFunction.sigmoid(x[base + 4 * plane + p]);
                // The class scores of one anchor at one cell lie a plane apart: gathered, softmaxed, put back.
                for (int k = 0; k < scores.length; k++) {
                    scores[k] = x[base + (5 + k) * plane + p];
                }
                ActivationFunction.softmaxInPlace(scores);
                for (int k = 0; k < scores.length; k++) {
                    out[base + (5 + k) * plane + p] = scores[k];
                }
            }
        }
        return out;
    }

    /** Sigmoid and exponential derivatives from the outputs, and each box's class softmax as a Jacobian product. */
    @Override
    public float[] backward(float[] x, float[] y, float[] dy, float[][] grads) {
        int boxes = priors.length / 2;
        float[] dx = new float[x.length];
        for (int b = 0; b < boxes; b++) {
            int base = b * perBox * plane;
            for (int p = 0; p < plane; p++) {
                for (int ch : new int[] {0, 1, 4}) {
                    int at = base + ch * plane + p;
                    dx[at] = dy[at] * y[at] * (1 - y[at]);
                }
                for (int ch = 2; ch <= 3; ch++) {
                    int at = base + ch * plane + p;
                    dx[at] = dy[at] * y[at];
                }
                double dot = 0;
                for (int k = 5; k < perBox; k++) {
                    int at = base + k * plane + p;
                    dot += (double) y[at] * dy[at];
                }
                for (int k = 5; k < perBox; k++) {
                    int at = base + k * plane + p;
                    dx[at] = (float) (y[at] * (dy[at] - dot));
                }
            }
        }
        return dx;
    }
}
