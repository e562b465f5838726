package io.convscope.engine.training;

import io.convscope.network.Gradients;
import io.convscope.network.KernelStep;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records one training step of one kernel with the real numbers. It sits around the network and the optimiser a
 * training loop already uses ({@link #network()}, {@link #watch(Optimiser)}): when {@link #arm armed}, the next batch's
 * images, labels and loss are kept, and the update of the chosen kernel is read just before and just after the real
 * optimiser runs (weights, the gradient it was given, the rate, its momentum or Adam moments). Unarmed, each call is
 * passed straight on, so the loop runs as fast as without it. {@link #step} runs one batch itself.
 * <p>
 * Threads: {@link #arm} may be called from any thread (the FX thread); recording and the callback happen on the
 * training thread, inside the step.
 */
public final class StepInspector {

    /**
     * A kernel of a convolution: description layer {@code layer}, output channel {@code filter}, input channel
     * {@code channel}.
     */
    public record KernelChoice(int layer, int filter, int channel) {}

    private record Armed(KernelChoice kernel, Consumer<KernelStep> recorded) {}

    private final TrainerNetwork inner;
    private final TrainerNetwork watched;
    private volatile Armed armed;
    /** Set by the network's pass of an armed step, read by the optimiser's update that follows (training thread). */
    private Armed pending;

    private float[][] images;
    private int[] labels;
    private Gradients gradients;
    private volatile KernelStep last;

    StepInspector(TrainerNetwork network) {
        this.inner = network;
        this.watched = new Watched();
    }

    /** The network to train with: the same network, whose passes this inspector can see. */
    TrainerNetwork network() {
        return watched;
    }

    /** The optimiser to train with: {@code optimiser} itself, with this inspector reading around its updates. */
    Optimiser watch(Optimiser optimiser) {
        return new WatchedOptimiser(optimiser);
    }

    /**
     * Records the next step for {@code kernel} and hands the record to {@code recorded} (on the training thread)
     * once the optimiser has written the new weights. One step only; arm again for the next.
     *
     * @throws IllegalArgumentException when the network has no such convolution kernel
     */
    public void arm(KernelChoice kernel, Consumer<KernelStep> recorded) {
        check(inner.description(), kernel);
        armed = new Armed(kernel, recorded);
    }

    /** The last step recorded, or null. */
    public KernelStep last() {
        return last;
    }

    /**
     * Runs one batch now: the gradients of its mean loss, the optimiser's update at {@code learningRate}, and the
     * network told of its new parameters, recorded for {@code kernel}.
     */
    KernelStep step(
            Optimiser optimiser,
            float[][] batch,
            int[] batchLabels,
            double labelSmoothing,
            long seed,
            double learningRate,
            KernelChoice kernel) {
        arm(kernel, r -> {});
        Gradients g = watched.lossGradients(batch, batchLabels, labelSmoothing, seed);
        watch(optimiser).update(inner.parameters(), g.parameters().toArray(float[][]::new), learningRate);
        watched.parametersChanged();
        return last;
    }

    /** The convolutions a student can watch (see {@link KernelStep#followable}). */
    public static boolean inspectable(NetworkDescription network, int layer) {
        return KernelStep.followable(network, layer);
    }

    private static LayerWeights check(NetworkDescription network, KernelChoice k) {
        if (!inspectable(network, k.layer())) {
            throw new IllegalArgumentException("layer " + k.layer() + " of " + network.name()
                    + " is not a convolution whose kernels can be followed");
        }
        LayerWeights w = network.weights().get(network.layer(k.layer()).name());
        if (k.filter() < 0 || k.filter() >= w.outputs() || k.channel() < 0 || k.channel() >= w.inputs()) {
            throw new IllegalArgumentException(network.layer(k.layer()).name() + " has " + w.outputs()
                    + " filters of " + w.inputs() + " kernels each; there is no kernel " + k.channel()
                    + " in filter " + k.filter());
        }
        return w;
    }

    private void record(Optimiser optimiser, List<ParameterBlock> blocks, float[][] grads, double lr) {
        Armed a = pending;
        pending = null;
        NetworkDescription network = inner.description();
        LayerWeights shape = check(network, a.kernel());
        int block = weightBlock(blocks, a.kernel().layer());
        int n = shape.kernelHeight() * shape.kernelWidth();
        int from = (a.kernel().filter() * shape.inputs() + a.kernel().channel()) * n;
        float[] before = slice(blocks.get(block).values(), from, n);
        float[] gradient = slice(grads[block], from, n);
        Terms terms = Terms.before(optimiser, block, from, n);
        optimiser.update(blocks, grads, lr);
        float[] after = slice(blocks.get(block).values(), from, n);
        Shape input = inner.inputShape();
        KernelStep step = new KernelStep(
                network.layer(a.kernel().layer()).name(),
                a.kernel().layer(),
                a.kernel().filter(),
                a.kernel().channel(),
                shape.kernelHeight(),
                shape.kernelWidth(),
                before,
                gradient,
                after,
                lr,
                terms.after(optimiser, block, from, n),
                new KernelStep.StepBatch(
                        input,
                        Arrays.stream(images).map(float[]::clone).toList(),
                        labels.clone(),
                        network.classes(),
                        gradients.loss(),
                        gradients.correct()));
        images = null;
        gradients = null;
        last = step;
        a.recorded().accept(step);
    }

    private static int weightBlock(List<ParameterBlock> blocks, int layer) {
        for (int p = 0; p < blocks.size(); p++) {
            if (blocks.get(p).layer() == layer && blocks.get(p).role() == ParameterBlock.Role.WEIGHT) {
                return p;
            }
        }
        throw new IllegalStateException("no weights for layer " + layer);
    }

    static float[] slice(float[] values, int from, int n) {
        return Arrays.copyOfRange(values, from, from + n);
    }

    /** The optimiser's state for the kernel, read before the update and completed after it. */
    private record Terms(float[] first, float[] second) {

        static Terms before(Optimiser o, int block, int from, int n) {
            if (o instanceof AdamW adam) {
                return new Terms(slice(adam.m[block], from, n), slice(adam.v[block], from, n));
            }
            if (o instanceof SgdMomentum sgd) {
                return new Terms(slice(sgd.velocity[block], from, n), null);
            }
            throw new IllegalStateException(
                    "an optimiser ConvScope does not know: " + o.getClass().getSimpleName());
        }

        KernelStep.OptimiserTerms after(Optimiser o, int block, int from, int n) {
            if (o instanceof AdamW adam) {
                return new KernelStep.Adam(
                        AdamW.BETA1,
                        AdamW.BETA2,
                        AdamW.EPSILON,
                        adam.weightDecay(),
                        adam.step,
                        1 - Math.pow(AdamW.BETA1, adam.step),
                        1 - Math.pow(AdamW.BETA2, adam.step),
                        first,
                        slice(adam.m[block], from, n),
                        second,
                        slice(adam.v[block], from, n));
            }
            SgdMomentum sgd = (SgdMomentum) o;
            return new KernelStep.Sgd(sgd.momentum(), sgd.weightDecay(), first, slice(sgd.velocity[block], from, n));
        }
    }

    private final class WatchedOptimiser implements Optimiser {
        private final Optimiser optimiser;

        WatchedOptimiser(Optimiser optimiser) {
            this.optimiser = optimiser;
        }

        @Override
        public void update(List<ParameterBlock> blocks, float[][] grads, double learningRate) {
            if (pending == null) {
                optimiser.update(blocks, grads, learningRate);
            } else {
                record(optimiser, blocks, grads, learningRate);
            }
        }

        @Override
        public void write(DataOutputStream out) throws IOException {
            optimiser.write(out);
        }

        @Override
        public void read(DataInputStream in) throws IOException {
            optimiser.read(in);
        }
    }

    private final class Watched implements TrainerNetwork {

        @Override
        public Gradients lossGradients(float[][] batch, int[] batchLabels, double labelSmoothing, long seed) {
            Gradients g = inner.lossGradients(batch, batchLabels, labelSmoothing, seed);
            Armed a = armed;
            if (a != null) {
                armed = null;
                pending = a;
                images = batch;
                labels = batchLabels;
                gradients = g;
            }
            return g;
        }

        @Override
        public Shape inputShape() {
            return inner.inputShape();
        }

        @Override
        public int classes() {
            return inner.classes();
        }

        @Override
        public NetworkDescription description() {
            return inner.description();
        }

        @Override
        public List<ParameterBlock> parameters() {
            return inner.parameters();
        }

        @Override
        public void parametersChanged() {
            inner.parametersChanged();
        }

        @Override
        public float[][] probabilities(float[][] batch) {
            return inner.probabilities(batch);
        }

        @Override
        public MultiLayerNetwork toDl4j() {
            return inner.toDl4j();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
