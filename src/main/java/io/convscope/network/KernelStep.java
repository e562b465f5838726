package io.convscope.network;

import java.util.List;

/**
 * One optimiser step of one kernel, with the numbers the optimiser used: the kernel's weights before, the gradient of
 * the batch's mean loss it was given, the learning rate, the optimiser's own terms and the weights it wrote. Recorded
 * by {@code engine.training.StepInspector} around the real update, so {@link #after()} is what the network holds.
 * Arrays are row-major {@code [ky][kx]} over the kernel, {@code kernelHeight * kernelWidth} values each.
 *
 * @param layerName   the convolution's name (e.g. {@code conv_1_1})
 * @param layer       its index in the network's description
 * @param filter      the output channel whose kernel this is
 * @param channel     the input channel the kernel reads
 * @param before      weights before the step
 * @param gradient    mean gradient over the batch, as the optimiser received it (weight decay not yet added)
 * @param after       weights after the step
 * @param learningRate this step's rate (from the schedule)
 * @param terms       what the optimiser kept and computed for these weights
 * @param batch       the images the step learnt from
 */
public record KernelStep(
        String layerName,
        int layer,
        int filter,
        int channel,
        int kernelHeight,
        int kernelWidth,
        float[] before,
        float[] gradient,
        float[] after,
        double learningRate,
        OptimiserTerms terms,
        StepBatch batch) {

    public KernelStep {
        int n = kernelHeight * kernelWidth;
        if (before.length != n || gradient.length != n || after.length != n) {
            throw new IllegalArgumentException(
                    "a " + kernelHeight + " x " + kernelWidth + " kernel needs " + n + " values in each array");
        }
    }

    /**
     * True when layer {@code layer} of {@code network} is a convolution whose kernels a step can be followed for: an
     * ordinary one (each filter reads every input channel), not a grouped or depthwise one.
     */
    public static boolean followable(NetworkDescription network, int layer) {
        if (layer <= 0 || layer >= network.layers().size()) {
            return false;
        }
        LayerDescription l = network.layer(layer);
        LayerWeights w = network.weights().get(l.name());
        return l.kind() == LayerKind.CONVOLUTION && w != null && w.groups() == 1;
    }

    /** Index of kernel cell (ky, kx) in the arrays. */
    public int index(int ky, int kx) {
        return ky * kernelWidth + kx;
    }

    /**
     * What an optimiser used beside the gradient and the rate, per weight of the kernel (arrays as in
     * {@link KernelStep}).
     */
    public sealed interface OptimiserTerms permits Sgd, Adam {}

    /**
     * SGD with heavy-ball momentum, PyTorch's convention: {@code v = momentum * v0 + (g + decay * w)}, then
     * {@code w' = w - lr * v}.
     */
    public record Sgd(double momentum, double weightDecay, float[] velocityBefore, float[] velocityAfter)
            implements OptimiserTerms {}

    /**
     * AdamW (decoupled weight decay, PyTorch's order): {@code m = b1 m0 + (1 - b1) g}, {@code v = b2 v0 + (1 - b2) g^2},
     * {@code mHat = m / c1}, {@code vHat = v / c2} with the bias corrections {@code c1 = 1 - b1^t}, {@code c2 = 1 - b2^t},
     * then {@code w' = w (1 - lr * decay) - lr * mHat / (sqrt(vHat) + epsilon)}.
     *
     * @param step the optimiser's step count t after this step (1 for the first)
     */
    public record Adam(
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay,
            long step,
            double biasCorrection1,
            double biasCorrection2,
            float[] mBefore,
            float[] mAfter,
            float[] vBefore,
            float[] vAfter)
            implements OptimiserTerms {}

    /**
     * The minibatch of a step: its images as the network saw them (augmented, channel-major, {@code inputShape}), their
     * labels, the class names, and the batch's mean loss and hits before the update.
     */
    public record StepBatch(
            Shape inputShape, List<float[]> images, int[] labels, List<String> classes, double loss, int correct) {

        public StepBatch {
            images = List.copyOf(images);
            classes = List.copyOf(classes);
            if (labels.length != images.size()) {
                throw new IllegalArgumentException(images.size() + " images but " + labels.length + " labels");
            }
        }

        public int size() {
            return labels.length;
        }
    }
}
