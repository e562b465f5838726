package io.convscope.engine;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.engine.compile.DlParameters;
import io.convscope.engine.runtime.ActivationFunction;
import io.convscope.engine.runtime.BatchPass;
import io.convscope.engine.runtime.CompiledNetwork;
import io.convscope.engine.runtime.LinearSteps;
import io.convscope.engine.runtime.ParameterOwner;
import io.convscope.engine.runtime.Step;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Gradients;
import io.convscope.network.LayerActivation;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.network.PassMode;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled network whose parameters can be trained and whose outputs can be differentiated: the same steps as
 * {@link CompiledNetwork}'s forward pass, each with its own backward arithmetic, over a batch of images or one.
 * <p>
 * Training: {@link #lossGradients} runs softmax cross-entropy on the logits (label smoothing optional) and returns
 * the gradients of the batch's mean loss; an optimiser updates {@link #parameters()} in place and calls
 * {@link #parametersChanged()}; {@link #writeTo(MultiLayerNetwork)} puts the result back into an ordinary DL4J model.
 * Attribution: {@link #backward(float[], int, float[])} seeds any layer's output with any gradient (a one-hot on a
 * logit, on an output cell) and returns the gradient at the input and at every layer before it.
 * <p>
 * Not thread-safe: one pass at a time (a pass itself uses every core over the batch). The network's
 * {@link NetworkDescription} keeps the weights it was compiled with; the live values are {@link #parameters()}.
 */
public final class TrainableNetwork {

    private static final Runnable NO_CHECK = () -> {};

    private final CompiledNetwork compiled;
    /** Step of description layer {@code i} at {@code i - 1}; rebuilt where a step holds a native copy of weights. */
    private final List<Step> steps;

    private final int[][] inputs;
    private final List<ParameterBlock> blocks;
    /** For each block, its description layer and the index of its array in that step's parameters. */
    private final int[][] blockSource;

    private TrainableNetwork(CompiledNetwork compiled) {
        this.compiled = compiled;
        int layers = compiled.description().layers().size();
        this.steps = new ArrayList<>(layers - 1);
        this.inputs = new int[layers][];
        inputs[0] = new int[0];
        List<ParameterBlock> found = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        for (int layer = 1; layer < layers; layer++) {
            Step step = compiled.step(layer);
            steps.add(step);
            inputs[layer] = compiled.inputsOf(layer);
            ParameterOwner owner = compiled.ownerOf(layer);
            float[][] arrays = step.parameters();
            for (int a = 0; a < arrays.length; a++) {
                String key = owner == null || a >= owner.keys().length ? null : owner.keys()[a];
                if (key != null) {
                    found.add(new ParameterBlock(layer, owner.dl4jLayer(), key, roleOf(key), arrays[a]));
                    sources.add(new int[] {layer, a});
                }
            }
        }
        this.blocks = List.copyOf(found);
        this.blockSource = sources.toArray(new int[0][]);
    }

    private static ParameterBlock.Role roleOf(String key) {
        return switch (key) {
            case "W", "pW" -> ParameterBlock.Role.WEIGHT;
            case "b" -> ParameterBlock.Role.BIAS;
            case "gamma" -> ParameterBlock.Role.SCALE;
            case "beta" -> ParameterBlock.Role.SHIFT;
            case "mean" -> ParameterBlock.Role.RUNNING_MEAN;
            default -> ParameterBlock.Role.RUNNING_VARIANCE;
        };
    }

    /** Compiles a DL4J network for training (its parameters are copied: train, then {@link #writeTo}). */
    public static TrainableNetwork compile(MultiLayerNetwork net, Shape input, List<String> classes)
            throws ModelLoadException {
        DropoutChecks.check(net);
        return new TrainableNetwork(Dl4jCompiler.compile(net, input, classes, "trainable"));
    }

    /** Compiles a DL4J graph with one input and one output for training. */
    public static TrainableNetwork compile(ComputationGraph graph, Shape input, List<String> classes)
            throws ModelLoadException {
        DropoutChecks.check(graph);
        return new TrainableNetwork(Dl4jCompiler.compile(graph, input, classes, "trainable"));
    }

    /**
     * A loaded model (the bundled Tiny VGG, any model file, a preset) for training or attribution, with its own copy
     * of the parameters: changing them leaves the model, and the snapshots the app shows, as they are.
     */
    public static TrainableNetwork of(LoadedModel model) throws ModelLoadException {
        return of(model, true);
    }

    /**
     * {@link #of(LoadedModel)} for passes at inference only (attribution): dropout is the identity there, so a
     * dropout DL4J applies to a layer's input (VGG-16's fc6 and fc7), which training refuses, changes nothing. Do
     * not train the result.
     */
    public static TrainableNetwork forInference(LoadedModel model) throws ModelLoadException {
        return of(model, false);
    }

    private static TrainableNetwork of(LoadedModel model, boolean training) throws ModelLoadException {
        Shape input = model.description().inputShape();
        List<String> classes = model.description().classes().isEmpty()
                ? null
                : model.description().classes();
        String name = model.description().name();
        if (model.network() instanceof ComputationGraph g) {
            if (training) {
                DropoutChecks.check(g);
            }
            return new TrainableNetwork(Dl4jCompiler.compile(g, input, classes, name));
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model.network();
        if (training) {
            DropoutChecks.check(net);
        }
        return new TrainableNetwork(Dl4jCompiler.compile(net, input, classes, name));
    }

    /** The layers and what each reads; layer 0 is the input. */
    public NetworkDescription description() {
        return compiled.description();
    }

    /** The description layer that holds the logits (before the softmax), or -1 for a network whose output is a map. */
    public int logitsLayer() {
        return compiled.logitsLayer();
    }

    /**
     * Every parameter array, live, in a fixed order (the order of {@link Gradients#parameters()}), each with the DL4J
     * layer and key it maps to. Write into them, then call {@link #parametersChanged()}.
     */
    public List<ParameterBlock> parameters() {
        return blocks;
    }

    /** Must be called after {@link #parameters()} were changed, before the next pass (refreshes native copies). */
    public void parametersChanged() {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step instanceof LinearSteps.Convolution c && c.nativeWeights() != null) {
                steps.set(i, c.refreshed());
            } else if (step instanceof LinearSteps.Dense d && d.nativeWeights() != null) {
                steps.set(i, d.refreshed());
            }
        }
    }

    /**
     * Forward and backward over a labelled batch: gradients of the mean softmax cross-entropy (DL4J's MCXENT, with
     * targets {@code (1 - smoothing) * onehot + smoothing / classes}) with respect to every parameter and layer.
     * In {@link PassMode#TRAINING} batch normalisation uses the batch's statistics and updates its running mean and
     * variance, and dropout draws its masks from {@code seed} (the same seed gives the same masks).
     *
     * @param images  channel-major images, each of the input shape
     * @param labels  class index per image
     */
    public Gradients lossGradients(float[][] images, int[] labels, double labelSmoothing, PassMode mode, long seed) {
        return lossGradients(images, labels, labelSmoothing, mode, seed, true);
    }

    /**
     * {@link #lossGradients} for an optimiser: in training mode, and without the gradient with respect to the images
     * ({@link Gradients#input} is null), which a training step never reads (it saves the first layer's transpose
     * product).
     */
    public Gradients trainingGradients(float[][] images, int[] labels, double labelSmoothing, long seed) {
        return lossGradients(images, labels, labelSmoothing, PassMode.TRAINING, seed, false);
    }

    private Gradients lossGradients(
            float[][] images, int[] labels, double labelSmoothing, PassMode mode, long seed, boolean inputGradient) {
        int logits = requireLogits();
        if (images.length == 0 || labels.length != images.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
        }
        checkInputs(images);
        BatchPass pass = new BatchPass(steps, inputs, images, mode, seed, logits);
        int n = images.length;
        int classes = compiled.description().classes().size();
        float[][] seedGradient = new float[n][];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            float[] p = pass.values[logits][i].clone();
            ActivationFunction.softmaxInPlace(p);
            int best = 0;
            float[] d = new float[classes];
            for (int c = 0; c < classes; c++) {
                double target = (c == labels[i] ? 1 - labelSmoothing : 0) + labelSmoothing / classes;
                loss -= target * Math.log(Math.max(p[c], 1e-30));
                d[c] = (float) ((p[c] - target) / n); // the mean's gradient: softmax and cross-entropy together
                best = p[c] > p[best] ? c : best;
            }
            correct += best == labels[i] ? 1 : 0;
            seedGradient[i] = d;
        }
        float[][][] parameterGradients = new float[logits + 1][][];
        for (int layer = 1; layer <= logits; layer++) {
            parameterGradients[layer] = BatchPass.zerosLike(steps.get(layer - 1).parameters());
        }
        float[][][] activations = pass.backward(logits, seedGradient, parameterGradients, inputGradient);
        List<float[]> perBlock = new ArrayList<>(blocks.size());
        for (int[] source : blockSource) {
            float[][] g = source[0] < parameterGradients.length ? parameterGradients[source[0]] : null;
            perBlock.add(g == null ? new float[blocks.get(perBlock.size()).size()] : g[source[1]]);
        }
        return new Gradients(loss / n, correct, perBlock, padded(activations));
    }

    /**
     * One image at inference: the gradient of {@code sum(outputGradient * output of layer)} with respect to every
     * layer up to {@code layer} and to the input (no parameter gradients, for speed). For the gradient of one logit
     * pass a one-hot {@code outputGradient} on {@link #logitsLayer()}.
     */
    public Gradients backward(float[] image, int layer, float[] outputGradient) {
        checkSeed(layer, outputGradient);
        float[][] batch = {image};
        checkInputs(batch);
        BatchPass pass = new BatchPass(steps, inputs, batch, PassMode.INFERENCE, 0, layer);
        float[][][] activations = pass.backward(layer, new float[][] {outputGradient}, null, true);
        return new Gradients(Double.NaN, 0, List.of(), padded(activations));
    }

    /**
     * {@link #backward(float[], int, float[])} without running the forward pass again: the activations are read from
     * {@code snapshot}, which must come from a network with this one's layers and parameters (the app's snapshot of
     * the model this was made from, before any training). Attribution of the image on screen costs only the
     * backward pass.
     */
    public Gradients backward(ActivationSnapshot snapshot, int layer, float[] outputGradient) {
        return backward(snapshot, layer, outputGradient, NO_CHECK);
    }

    /** {@link #backward(ActivationSnapshot, int, float[])}, running {@code afterLayer} after each layer. */
    public Gradients backward(ActivationSnapshot snapshot, int layer, float[] outputGradient, Runnable afterLayer) {
        NetworkDescription theirs = snapshot.network();
        if (theirs.layers().size() != description().layers().size()
                || !theirs.inputs().equals(description().inputs())) {
            throw new IllegalArgumentException("the snapshot is of another network (" + theirs.name() + ")");
        }
        checkSeed(layer, outputGradient);
        float[][][] known = new float[layer + 1][1][];
        for (int l = 0; l <= layer; l++) {
            known[l][0] = snapshot.layer(l).toArray();
        }
        BatchPass pass = new BatchPass(steps, inputs, known, afterLayer);
        float[][][] activations = pass.backward(layer, new float[][] {outputGradient}, null, true);
        return new Gradients(Double.NaN, 0, List.of(), padded(activations));
    }

    /**
     * Inference over a batch up to description layer {@code last}: {@code [layer][image]} for every layer up to it
     * (layer 0 is the batch itself). Attribution keeps these to read activations and to seed
     * {@link #backward(float[][][], int, float[][])} without a second forward pass.
     */
    public float[][][] forward(float[][] images, int last) {
        return forward(images, last, NO_CHECK);
    }

    /**
     * {@link #forward(float[][], int)}, running {@code afterLayer} after each layer: what it throws stops the pass
     * there (a long pass through a big network can be cancelled between layers).
     */
    public float[][][] forward(float[][] images, int last, Runnable afterLayer) {
        if (last < 0 || last > steps.size()) {
            throw new IllegalArgumentException("no layer " + last);
        }
        checkInputs(images);
        return new BatchPass(steps, inputs, images, PassMode.INFERENCE, 0, last, afterLayer).values;
    }

    /**
     * The backward pass of a batch whose forward values come from {@link #forward(float[][], int)} (with the current
     * parameters), seeded at {@code layer} with one output gradient per image; no parameter gradients.
     */
    public Gradients backward(float[][][] forward, int layer, float[][] outputGradients) {
        return backward(forward, layer, outputGradients, NO_CHECK);
    }

    /** {@link #backward(float[][][], int, float[][])}, running {@code afterLayer} after each layer. */
    public Gradients backward(float[][][] forward, int layer, float[][] outputGradients, Runnable afterLayer) {
        if (forward.length <= layer || outputGradients.length != forward[0].length) {
            throw new IllegalArgumentException(
                    "the forward values stop before layer " + layer + " or hold another number of images");
        }
        for (float[] g : outputGradients) {
            checkSeed(layer, g);
        }
        BatchPass pass = new BatchPass(steps, inputs, Arrays.copyOf(forward, layer + 1), afterLayer);
        return new Gradients(Double.NaN, 0, List.of(), padded(pass.backward(layer, outputGradients, null, true)));
    }

    /** The gradient of logit {@code classIndex} (before the softmax) with respect to the image and every layer. */
    public Gradients logitGradient(float[] image, int classIndex) {
        int logits = requireLogits();
        float[] oneHot = new float[description().layer(logits).outputShape().size()];
        oneHot[classIndex] = 1;
        return backward(image, logits, oneHot);
    }

    /** Class probabilities per image at inference (for evaluation while training). */
    public float[][] probabilities(float[][] images) {
        int logits = requireLogits();
        checkInputs(images);
        BatchPass pass = new BatchPass(steps, inputs, images, PassMode.INFERENCE, 0, logits);
        float[][] p = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            p[i] = pass.values[logits][i].clone();
            ActivationFunction.softmaxInPlace(p[i]);
        }
        return p;
    }

    /** The description with the current parameters as its weights (the first layer's kernels while training). */
    public NetworkDescription liveDescription() {
        return LiveWeights.describe(description(), steps, blocks);
    }

    /**
     * One image at inference with the current parameters, as the overview shows it: every layer's output, and a
     * description whose weights are the current ones. A probe image re-run while training costs one forward pass, no
     * compilation.
     */
    public ActivationSnapshot snapshot(float[] image) {
        float[][] batch = {image.clone()};
        checkInputs(batch);
        float[][][] values = new BatchPass(steps, inputs, batch, PassMode.INFERENCE, 0, steps.size()).values;
        NetworkDescription live = liveDescription();
        List<LayerActivation> outputs = new ArrayList<>(values.length);
        for (int layer = 0; layer < values.length; layer++) {
            outputs.add(new LayerActivation(live.layer(layer).outputShape(), values[layer][0]));
        }
        int logits = compiled.logitsLayer();
        if (logits < 0) {
            return new ActivationSnapshot(live, outputs, new float[0], new float[0]);
        }
        float[] p = values[logits][0].clone();
        ActivationFunction.softmaxInPlace(p);
        return new ActivationSnapshot(live, outputs, values[logits][0], p);
    }

    /** Writes the current parameters into {@code net}, which must be the network this was compiled from (or a copy). */
    public void writeTo(MultiLayerNetwork net) {
        for (ParameterBlock b : blocks) {
            DlParameters.write(net.getLayer(b.dl4jLayer()), b, compiled.ownerOf(b.layer()));
        }
    }

    /** Writes the current parameters into {@code graph}, which must be the graph this was compiled from (or a copy). */
    public void writeTo(ComputationGraph graph) {
        for (ParameterBlock b : blocks) {
            DlParameters.write(graph.getLayer(b.dl4jLayer()), b, compiled.ownerOf(b.layer()));
        }
    }

    /** How the step of description layer {@code layer} maps its parameters to DL4J's, or null (for tests). */
    ParameterOwner ownerOf(int layer) {
        return compiled.ownerOf(layer);
    }

    private int requireLogits() {
        int logits = compiled.logitsLayer();
        if (logits < 0) {
            throw new IllegalStateException("the network's output is a map, not class scores: no cross-entropy");
        }
        return logits;
    }

    private void checkSeed(int layer, float[] outputGradient) {
        if (layer < 0 || layer > steps.size()) {
            throw new IllegalArgumentException("no layer " + layer);
        }
        if (outputGradient.length != description().layer(layer).outputShape().size()) {
            throw new IllegalArgumentException("layer " + layer + " has "
                    + description().layer(layer).outputShape() + " values; the gradient has " + outputGradient.length);
        }
    }

    private void checkInputs(float[][] images) {
        int size = description().inputShape().size();
        for (float[] image : images) {
            if (image.length != size) {
                throw new IllegalArgumentException("an image has " + image.length + " values; the network needs "
                        + description().inputShape());
            }
        }
    }

    /** One entry per description layer, null after the seeded one. */
    private float[][][] padded(float[][][] activations) {
        return Arrays.copyOf(activations, description().layers().size());
    }
}
