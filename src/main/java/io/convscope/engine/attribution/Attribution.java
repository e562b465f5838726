package io.convscope.engine.attribution;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.PassMemory;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.AttributionMap;
import io.convscope.network.CamInputs;
import io.convscope.network.Gradients;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.convscope.engine.attribution.AttributionProgress.NONE;

/**
 * Attribution maps for one network: which parts of an image (or of a layer's maps) the value of a class's logit, or
 * of an output cell, depends on. Every method differentiates or perturbs the value before the softmax, on this
 * object's own copy of the parameters ({@link TrainableNetwork#forInference}), so the model the app shows is never changed.
 * <p>
 * Input gradients are {@code dy/dx} in the model's input units (RGB / 255). Batches of noisy, interpolated or occluded
 * copies run together in chunks bounded by bytes ({@link #chunk()}); an {@link AttributionProgress} is told after
 * each chunk and may stop the computation there. Not thread-safe, like the network.
 */
public final class Attribution {

    /** What a batch of copies may hold at once: forward values and gradients of every layer. */
    private static final long CHUNK_BYTES =
            Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final TrainableNetwork network;
    private final boolean randomWeights;

    public Attribution(TrainableNetwork network, boolean randomWeights) {
        this.network = network;
        this.randomWeights = randomWeights;
    }

    /** For a loaded model: its own trainable copy; a preset's random weights are carried into every map. */
    public static Attribution of(LoadedModel model) throws ModelLoadException {
        return new Attribution(TrainableNetwork.forInference(model), model.randomWeights());
    }

    public TrainableNetwork network() {
        return network;
    }

    public NetworkDescription description() {
        return network.description();
    }

    /** The logit of class {@code classIndex}; refused for a network whose output is a map. */
    public AttributionTarget classTarget(int classIndex) {
        int logits = network.logitsLayer();
        if (logits < 0) {
            throw new IllegalArgumentException("the network's output is a map, not classes: choose an output cell");
        }
        var classes = description().classes();
        if (classIndex < 0 || classIndex >= classes.size()) {
            throw new IllegalArgumentException("no class " + classIndex + "; the network has " + classes.size());
        }
        return new AttributionTarget(logits, classIndex, classes.get(classIndex));
    }

    /** One cell of the output map (YOLO's grid, U-Net's mask): its value at channel, row, column. */
    public AttributionTarget cellTarget(int channel, int row, int column) {
        int last = description().layers().size() - 1;
        Shape s = description().layer(last).outputShape();
        if (channel < 0
                || channel >= s.channels()
                || row < 0
                || row >= s.height()
                || column < 0
                || column >= s.width()) {
            throw new IllegalArgumentException(
                    "the output map is " + s + "; it has no cell (" + channel + ", " + row + ", " + column + ")");
        }
        return new AttributionTarget(
                last,
                (channel * s.height() + row) * s.width() + column,
                "channel " + channel + ", row " + row + ", column " + column);
    }

    /** The class the network ranks first for {@code image}. */
    public AttributionTarget topClass(float[] image) {
        float[] logits = outputOf(image, network.logitsLayer());
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            best = logits[c] > logits[best] ? c : best;
        }
        return classTarget(best);
    }

    /**
     * The layer Grad-CAM reads by default: the last one with spatial maps before the target, pooling and padding
     * layers skipped (they only resample the maps of the layer before; for Tiny VGG this is relu_2_2, 26 x 26, the
     * last convolution's rectified maps, as in Selvaraju et al.). -1 when no layer has spatial maps.
     */
    public int defaultCamLayer(AttributionTarget target) {
        for (int l = target.layer() - 1; l >= 1; l--) {
            LayerDescription d = description().layer(l);
            if (!d.outputShape().isVector()
                    && d.outputShape().height() * d.outputShape().width() > 1
                    && !d.kind().isPooling()
                    && d.kind() != LayerKind.ZERO_PADDING) {
                return l;
            }
        }
        return -1;
    }

    /** The map of {@code method} for {@code image} and {@code target}. */
    public AttributionMap compute(
            AttributionMethod method, float[] image, AttributionTarget target, AttributionSettings s) {
        return compute(method, image, target, s, AttributionProgress.NONE);
    }

    /**
     * The map of {@code method}, telling {@code progress} after each batch of samples, steps or windows (the
     * gradient and the CAMs, one pass each, after each layer of it); throws {@link AttributionCancelledException}
     * when it says stop.
     */
    public AttributionMap compute(
            AttributionMethod method,
            float[] image,
            AttributionTarget target,
            AttributionSettings s,
            AttributionProgress progress) {
        return switch (method) {
            case GRADIENT -> gradient(image, target, progress);
            case SMOOTHGRAD -> smoothGrad(image, target, s.samples(), s.sigma(), s.seed(), progress);
            case INTEGRATED_GRADIENTS -> integratedGradients(image, target, s.steps(), s.baseline(), progress);
            case GRAD_CAM, HIRES_CAM, GRAD_CAM_PLUS_PLUS -> cam(
                    method, image, target, camLayer(s.layer(), target), progress);
            case OCCLUSION -> Occlusion.map(this, image, target, s.window(), s.stride(), s.fill(), progress);
        };
    }

    /** The layer a CAM reads: {@code name}, or the default; refused with a sentence when it has no spatial maps. */
    public int camLayer(String name, AttributionTarget target) {
        int layer = name == null ? defaultCamLayer(target) : description().indexOf(name);
        if (layer < 0) {
            throw new CamLayerException(CamLayerException.Reason.NO_SPATIAL_LAYER, null);
        }
        Shape s = description().layer(layer).outputShape();
        if (s.isVector() || layer == 0 || layer >= target.layer()) {
            throw new CamLayerException(
                    CamLayerException.Reason.NOT_SPATIAL,
                    description().layer(layer).name());
        }
        return layer;
    }

    /** Saliency: {@code dy/dx}, signed per input channel ({@link AttributionMap#pixelMap()} gives max |.|). */
    public AttributionMap gradient(float[] image, AttributionTarget target) {
        return gradient(image, target, NONE);
    }

    /** {@link #gradient(float[], AttributionTarget)}, told after each layer of its pass, forward then backward. */
    public AttributionMap gradient(float[] image, AttributionTarget target, AttributionProgress progress) {
        OnePass pass = onePass(image, target, progress);
        return map(
                "gradient",
                target,
                pass.value(target),
                description().inputShape(),
                pass.gradients().input(0),
                Map.of());
    }

    /** The backward pass's seed for {@code target}: 1 at its value, 0 elsewhere in its layer. */
    public float[] seed(AttributionTarget target) {
        float[] seed =
                new float[description().layer(target.layer()).outputShape().size()];
        seed[target.index()] = 1;
        return seed;
    }

    /**
     * SmoothGrad (Smilkov et al. 2017): the mean of {@code dy/dx} over {@code samples} copies of the image with
     * Gaussian noise of standard deviation {@code sigma} added to every value (not clamped), drawn from {@code seed}.
     * The logit reported is the clean image's.
     */
    public AttributionMap smoothGrad(float[] image, AttributionTarget target, int samples, double sigma, long seed) {
        return smoothGrad(image, target, samples, sigma, seed, NONE);
    }

    /** {@link #smoothGrad(float[], AttributionTarget, int, double, long)}, told after each batch of samples. */
    public AttributionMap smoothGrad(
            float[] image,
            AttributionTarget target,
            int samples,
            double sigma,
            long seed,
            AttributionProgress progress) {
        Random random = new Random(seed);
        float[][] noisy = new float[samples][image.length];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < image.length; i++) {
                noisy[k][i] = (float) (image[i] + sigma * random.nextGaussian());
            }
        }
        float[] mean = mean(gradients(noisy, target, new float[samples], AttributionProgress.Stage.SAMPLE, progress));
        return map(
                "smoothgrad",
                target,
                value(image, target),
                description().inputShape(),
                mean,
                Map.of("samples", (double) samples, "sigma", sigma, "seed", (double) seed));
    }

    /**
     * Integrated gradients (Sundararajan et al. 2017), midpoint Riemann sum: {@code (x - b) * mean_k dy/dx} at
     * {@code b + (x - b)(k + 0.5) / N}, k = 0..N-1 (with the black baseline b = 0, {@code x * mean dy/dx at
     * x (k + 0.5) / N}). Figures: the completeness check, the sum of the attributions against
     * {@code y(x) - y(b)}, as {@code attributionSum}, {@code logitDifference}, {@code completenessError}
     * (absolute) and {@code relativeError} (over |y(x) - y(b)|), with {@code baselineLogit} and {@code steps}.
     */
    public AttributionMap integratedGradients(float[] image, AttributionTarget target, int steps, Baseline baseline) {
        return integratedGradients(image, target, steps, baseline, NONE);
    }

    /** {@link #integratedGradients(float[], AttributionTarget, int, Baseline)}, told after each batch of steps. */
    public AttributionMap integratedGradients(
            float[] image, AttributionTarget target, int steps, Baseline baseline, AttributionProgress progress) {
        Shape in = description().inputShape();
        float[] b = baseline.of(image, in.channels(), in.height(), in.width());
        float[][] path = new float[steps][image.length];
        for (int k = 0; k < steps; k++) {
            double t = (k + 0.5) / steps;
            for (int i = 0; i < image.length; i++) {
                path[k][i] = (float) (b[i] + (image[i] - b[i]) * t);
            }
        }
        float[] mean = mean(gradients(path, target, new float[steps], AttributionProgress.Stage.STEP, progress));
        float[] attribution = new float[image.length];
        double sum = 0;
        for (int i = 0; i < image.length; i++) {
            attribution[i] = (image[i] - b[i]) * mean[i];
            sum += attribution[i];
        }
        float[] ends = values(new float[][] {image, b}, target);
        double difference = (double) ends[0] - ends[1];
        double error = Math.abs(sum - difference);
        Map<String, Double> figures = new HashMap<>();
        figures.put("steps", (double) steps);
        figures.put("baselineLogit", (double) ends[1]);
        figures.put("attributionSum", sum);
        figures.put("logitDifference", difference);
        figures.put("completenessError", error);
        figures.put(
                "relativeError",
                difference == 0 ? (error == 0 ? 0 : Double.POSITIVE_INFINITY) : error / Math.abs(difference));
        return map("ig", target, ends[0], in, attribution, figures);
    }

    /** Grad-CAM, HiResCAM or Grad-CAM++ at description layer {@code layer} (formulas in {@link CamMaps}). */
    public AttributionMap cam(AttributionMethod variant, float[] image, AttributionTarget target, int layer) {
        return cam(variant, image, target, layer, NONE);
    }

    /** {@link #cam(AttributionMethod, float[], AttributionTarget, int)}, told after each layer of its pass. */
    public AttributionMap cam(
            AttributionMethod variant,
            float[] image,
            AttributionTarget target,
            int layer,
            AttributionProgress progress) {
        CamInputs in = camInputs(image, target, layer, progress);
        CamMaps.Cam cam = CamMaps.compute(variant, in.activations(), in.gradient(), in.shape());
        return new AttributionMap(
                variant.id(),
                target.index(),
                target.name(),
                in.logit(),
                new Shape(1, in.shape().height(), in.shape().width()),
                cam.map(),
                in.layer(),
                cam.weights(),
                Map.of(),
                randomWeights);
    }

    /**
     * What the CAMs at description layer {@code layer} are made of: its maps {@code A_k} and {@code dy/dA_k} for the
     * target's value y, as plain arrays (the Grad-CAM walkthrough shows each step from them).
     */
    public CamInputs camInputs(float[] image, AttributionTarget target, int layer) {
        return camInputs(image, target, layer, NONE);
    }

    /** {@link #camInputs(float[], AttributionTarget, int)}, told after each layer of the pass. */
    public CamInputs camInputs(float[] image, AttributionTarget target, int layer, AttributionProgress progress) {
        OnePass pass = onePass(image, target, progress);
        return new CamInputs(
                target.index(),
                target.name(),
                pass.value(target),
                description().layer(layer).name(),
                description().layer(layer).outputShape(),
                pass.forward()[layer][0],
                pass.gradients().activation(layer, 0),
                randomWeights);
    }

    /** One image's forward values up to the target and the backward pass from its value. */
    private record OnePass(float[][][] forward, Gradients gradients) {
        float value(AttributionTarget target) {
            return forward[target.layer()][0][target.index()];
        }
    }

    /** The forward and backward pass of one image, telling {@code progress} after each layer of either. */
    private OnePass onePass(float[] image, AttributionTarget target, AttributionProgress progress) {
        Runnable afterLayer = progress.layers(2 * target.layer());
        float[][][] forward = network.forward(new float[][] {image}, target.layer(), afterLayer);
        return new OnePass(
                forward, network.backward(forward, target.layer(), new float[][] {seed(target)}, afterLayer));
    }

    AttributionMap map(String method, AttributionTarget t, float logit, Shape shape, float[] v, Map<String, Double> f) {
        return new AttributionMap(method, t.index(), t.name(), logit, shape, v, null, null, f, randomWeights);
    }

    /** The target's value for one image. */
    public float value(float[] image, AttributionTarget target) {
        return values(new float[][] {image}, target)[0];
    }

    /** The target's value for every image, forward only, in chunks. */
    public float[] values(float[][] images, AttributionTarget target) {
        float[] out = new float[images.length];
        int chunk = chunk();
        for (int from = 0; from < images.length; from += chunk) {
            float[][] part = slice(images, from, chunk);
            float[][] layer = network.forward(part, target.layer())[target.layer()];
            for (int n = 0; n < part.length; n++) {
                out[from + n] = layer[n][target.index()];
            }
        }
        return out;
    }

    private float[] outputOf(float[] image, int layer) {
        return network.forward(new float[][] {image}, layer)[layer][0];
    }

    /**
     * {@code dy/dx} of the target for every image, in chunks; each image's value goes to {@code values}. After each
     * chunk {@code progress} hears how many images of {@code stage} are done, and may stop the rest.
     */
    private float[][] gradients(
            float[][] images,
            AttributionTarget target,
            float[] values,
            AttributionProgress.Stage stage,
            AttributionProgress progress) {
        float[][] out = new float[images.length][];
        int chunk = chunk();
        for (int from = 0; from < images.length; from += chunk) {
            float[][] part = slice(images, from, chunk);
            float[][][] forward = network.forward(part, target.layer());
            float[][] seeds = new float[part.length][forward[target.layer()][0].length];
            for (int n = 0; n < part.length; n++) {
                seeds[n][target.index()] = 1;
                values[from + n] = forward[target.layer()][n][target.index()];
            }
            var g = network.backward(forward, target.layer(), seeds);
            for (int n = 0; n < part.length; n++) {
                out[from + n] = g.input(n);
            }
            progress.reached(stage, from + part.length, images.length);
        }
        return out;
    }

    /** Copies per batch: as many forward-and-backward passes as fit in {@link #CHUNK_BYTES}, 1 to 64. */
    int chunk() {
        long perImage = 2 * PassMemory.of(description()).total();
        return (int) Math.max(1, Math.min(64, CHUNK_BYTES / Math.max(1, perImage)));
    }

    private static float[][] slice(float[][] images, int from, int chunk) {
        float[][] part = new float[Math.min(chunk, images.length - from)][];
        System.arraycopy(images, from, part, 0, part.length);
        return part;
    }

    private static float[] mean(float[][] gradients) {
        double[] sum = new double[gradients[0].length];
        for (float[] g : gradients) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / gradients.length);
        }
        return out;
    }
}
