package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.convscope.engine.AtomicFiles;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionSettings;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.engine.attribution.Baseline;
import io.convscope.engine.attribution.SanityCheck;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.AttributionMap;
import io.convscope.network.SanityStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

@Command(
        name = "attribute",
        mixinStandardHelpOptions = true,
        description = "Which parts of an image a class's logit (before the softmax) depends on: gradient, SmoothGrad,"
                + " integrated gradients, Grad-CAM, HiResCAM, Grad-CAM++ or occlusion.")
final class AttributeCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(
            names = "--method",
            required = true,
            paramLabel = "METHOD",
            description = "gradient, smoothgrad, ig, gradcam, hirescam, gradcam++ or occlusion.")
    String method;

    @Option(
            names = "--class",
            paramLabel = "NAME|INDEX",
            description = "The class whose logit is explained, by name or index. Default: the top class.")
    String target;

    @Option(
            names = "--cell",
            paramLabel = "CHANNEL,ROW,COLUMN",
            description = "For a network whose output is a map (YOLO, U-Net): the output cell explained.")
    String cell;

    @Option(
            names = "--layer",
            paramLabel = "NAME",
            description = "The layer gradcam, hirescam and gradcam++ read. Default: the last one with spatial maps"
                    + " before the classifier (pooling skipped).")
    String layer;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "25",
            parameterConsumer = InRange.class,
            description = "smoothgrad: noisy copies (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 10_000)
    int samples;

    @Option(
            names = "--sigma",
            paramLabel = "X",
            defaultValue = "0.15",
            parameterConsumer = InRange.class,
            description = "smoothgrad: noise standard deviation in input units, RGB/255 (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 0, max = 10)
    double sigma;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "32",
            parameterConsumer = InRange.class,
            description = "ig: points on the path (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 10_000)
    int steps;

    @Option(
            names = "--baseline",
            defaultValue = "black",
            paramLabel = "black|white|mean|blur",
            description = "ig: the starting image (default ${DEFAULT-VALUE}).")
    String baseline;

    @Option(
            names = "--window",
            paramLabel = "N",
            defaultValue = "8",
            parameterConsumer = InRange.class,
            description = "occlusion: window side in input pixels (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 4096)
    int window;

    @Option(
            names = "--stride",
            paramLabel = "N",
            defaultValue = "4",
            parameterConsumer = InRange.class,
            description = "occlusion: step between windows (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = 1, max = 4096)
    int stride;

    @Option(
            names = "--fill",
            paramLabel = "X",
            defaultValue = "0.5",
            parameterConsumer = InRange.class,
            description = "occlusion: value written into the window, input units (default ${DEFAULT-VALUE}).")
    @InRange.Bounds(min = -10, max = 10)
    double fill;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            parameterConsumer = InRange.class,
            description = "smoothgrad: noise seed; --sanity: random weights seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "FILE.png",
            description = "Write the map overlaid on the input the network sees as a PNG (one IMAGE only).")
    Path out;

    @Option(
            names = "--sanity",
            description = "Also run the sanity check (Adebayo et al. 2018): randomise the weights from the top layer"
                    + " down, one layer at a time (seeded by --seed), and print how alike each map stays with the"
                    + " original (Spearman rank correlation and SSIM; the model itself is not changed).")
    boolean sanity;

    @Option(names = "--json", description = "Print a JSON array, one object per image, with the raw map.")
    boolean json;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (JPEG, PNG, GIF, BMP, TIFF, WebP).")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AttributionMethod chosen = AttributionMethod.byId(method)
                .orElseThrow(() -> new ConvScopeCommand.UserError("--method " + method + " is not a method; valid: "
                        + Arrays.stream(AttributionMethod.values())
                                .map(AttributionMethod::id)
                                .collect(Collectors.joining(", "))));
        Baseline start = Baseline.byId(baseline)
                .orElseThrow(() -> new ConvScopeCommand.UserError(
                        "--baseline " + baseline + " is not a baseline; valid: black, white, mean, blur"));
        if (layer != null && !chosen.usesLayer()) {
            throw new ConvScopeCommand.UserError("--layer applies to gradcam, hirescam and gradcam++, not " + method);
        }
        if (out != null && images.size() != 1) {
            throw new ConvScopeCommand.UserError(
                    "--out writes one picture: give one IMAGE with it, not " + images.size());
        }
        if (out != null
                && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new ConvScopeCommand.UserError("--out " + out + " must name a .png file");
        }
        LoadedModel model = modelOption.loadToRun();
        Attribution attribution;
        try {
            attribution = Attribution.of(model);
        } catch (ModelLoadException e) {
            throw new ConvScopeCommand.UserError(model.source() + ": " + e.getMessage());
        }
        AttributionSettings settings =
                new AttributionSettings(samples, sigma, steps, start, layer, window, stride, (float) fill, seed);
        AttributionTarget fixed = AttributionTargets.fixed(attribution, target, cell);
        if (chosen.usesLayer()) {
            try {
                attribution.camLayer(layer, fixed == null ? attribution.classTarget(0) : fixed);
            } catch (IllegalArgumentException e) {
                throw new ConvScopeCommand.UserError((layer == null ? "" : "--layer " + layer + ": ") + e.getMessage());
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        int failures = 0;
        for (Path image : images) {
            float[] rgb;
            try {
                rgb = ImagePreprocessor.load(image, model.inputHeight(), model.inputWidth());
            } catch (ImageInputException e) {
                err.println("convscope: " + e.getMessage());
                failures++;
                continue;
            }
            float[] input =
                    Inference.channels(rgb, model.description().inputShape().channels());
            AttributionTarget t = fixed != null ? fixed : attribution.topClass(input);
            AttributionMap map = check(() -> attribution.compute(chosen, input, t, settings));
            List<SanityStep> steps =
                    sanity ? check(() -> SanityCheck.cascade(attribution, chosen, input, t, settings)) : List.of();
            if (json) {
                array.add(AttributionJson.withSanity(AttributionJson.of(mapper, image, map, settings, chosen), steps));
            } else {
                AttributionJson.printText(stdout, image, map, chosen);
                AttributionJson.printSanity(stdout, steps);
            }
            if (out != null) {
                writePng(rgb, model, map);
            }
        }
        if (json) {
            stdout.println(mapper.writeValueAsString(array));
        } else if (model.randomWeights()) {
            stdout.println("random weights: this map means nothing (the architecture is real, its weights are not"
                    + " trained)");
        }
        stdout.flush();
        return failures == 0 ? 0 : ConvScopeCommand.USER_ERROR;
    }

    private void writePng(float[] rgb, LoadedModel model, AttributionMap map) {
        var picture = HeatmapOverlay.draw(rgb, model.inputHeight(), model.inputWidth(), map);
        try {
            AtomicFiles.write(out, o -> ImageIO.write(picture, "png", o));
        } catch (IOException e) {
            throw new ConvScopeCommand.UserError("cannot write " + out + ": " + e.getMessage());
        }
    }

    /** The engine's refusals (a layer without maps, a window larger than the input) as the user's one line. */
    static <T> T check(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new ConvScopeCommand.UserError(e.getMessage());
        }
    }
}
