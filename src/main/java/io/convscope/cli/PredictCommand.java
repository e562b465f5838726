package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.Inference;
import io.convscope.image.ImageInputException;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.OutputMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Classify images and print the top classes with their probabilities; for a network whose output"
                + " is a map, its most confident boxes (YOLO) or its mask (U-Net).")
final class PredictCommand implements Callable<Integer> {

    static final int TOP = 3;
    static final String RANDOM_WEIGHTS_NOTE =
            "random weights: this prediction means nothing (the architecture is real, its weights are not trained)";

    @Mixin
    ModelOption modelOption;

    @Option(
            names = "--json",
            description = "Print a JSON array: image, label, classes, probabilities, logits"
                    + " (YOLO: image, boxes; another map output: image, shape, values).")
    boolean json;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (JPEG, PNG, GIF, BMP, TIFF, WebP).")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inference inference = new Inference(modelOption.loadToRun());
        boolean random = inference.model().randomWeights();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        int failures = 0;
        for (Path image : images) {
            ActivationSnapshot s;
            try {
                s = inference.runOnce(image); // printed, then dropped: VGG-16 keeps 110 MB per image
            } catch (ImageInputException e) {
                err.println("convscope: " + e.getMessage());
                failures++;
                continue;
            }
            if (json) {
                array.add(toJson(mapper, image, s).put("randomWeights", random));
            } else if (!s.network().predictsClasses()) {
                out.println(image);
                printMap(out, s);
            } else {
                out.println(image);
                for (int c : Arrays.copyOf(s.ranking(), Math.min(TOP, s.ranking().length))) {
                    out.printf(
                            Locale.ROOT,
                            "  %-14s %6.2f %%%n",
                            s.network().classes().get(c),
                            100 * s.probability(c));
                }
            }
        }
        if (random && !json) {
            out.println(RANDOM_WEIGHTS_NOTE); // a number like "100.00 %" must not read as a certainty
        }
        if (json) {
            out.println(mapper.writeValueAsString(array));
        }
        out.flush();
        return failures == 0 ? 0 : ConvScopeCommand.USER_ERROR;
    }

    /** A map output as its network means it: YOLO's most confident boxes, U-Net's mask coverage, else the shape. */
    private static void printMap(PrintWriter out, ActivationSnapshot s) {
        if (OutputMap.isDetection(s.network())) {
            List<OutputMap.Detection> boxes = OutputMap.detections(s);
            for (OutputMap.Detection d : boxes.subList(0, Math.min(TOP, boxes.size()))) {
                out.printf(
                        Locale.ROOT,
                        "  %-10s %6.2f %%  centre (%.3f, %.3f)  size %.3f x %.3f  cell (%d, %d) anchor %d%n",
                        OutputMap.className(s.network(), d.classIndex()),
                        100 * d.score(),
                        d.centreX(),
                        d.centreY(),
                        d.width(),
                        d.height(),
                        d.row(),
                        d.column(),
                        d.anchor());
            }
        } else if (OutputMap.isMask(s.network())) {
            var mask = s.layer(s.layerCount() - 1);
            out.printf(
                    Locale.ROOT,
                    "  mask %s: %.2f %% of pixels above %.1f, values %.4f to %.4f%n",
                    mask.shape(),
                    100 * OutputMap.maskCoverage(s),
                    OutputMap.MASK_THRESHOLD,
                    mask.min(),
                    mask.max());
        } else {
            out.println("  output map " + s.layer(s.layerCount() - 1).shape());
        }
    }

    static ObjectNode toJson(ObjectMapper mapper, Path image, ActivationSnapshot s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("image", image.toString());
        if (OutputMap.isDetection(s.network())) {
            ArrayNode boxes = o.putArray("boxes"); // centre and size in fractions of the input image
            for (OutputMap.Detection d : OutputMap.detections(s)) {
                ObjectNode b = boxes.addObject();
                b.put("class", d.classIndex());
                b.put("score", d.score());
                b.put("objectness", d.objectness());
                b.put("classProbability", d.classProbability());
                b.put("x", d.centreX());
                b.put("y", d.centreY());
                b.put("width", d.width());
                b.put("height", d.height());
                b.put("row", d.row());
                b.put("column", d.column());
                b.put("anchor", d.anchor());
            }
            return o;
        }
        if (!s.network().predictsClasses()) {
            var map = s.layer(s.layerCount() - 1);
            ArrayNode shape = o.putArray("shape");
            shape.add(map.shape().channels())
                    .add(map.shape().height())
                    .add(map.shape().width());
            if (OutputMap.isMask(s.network())) {
                o.put("maskCoverage", OutputMap.maskCoverage(s));
            }
            ArrayNode values = o.putArray("values"); // channel-major, as the network computes them
            for (int i = 0; i < map.size(); i++) {
                values.add(map.value(i));
            }
            return o;
        }
        o.put("label", s.topLabel());
        ArrayNode classes = o.putArray("classes");
        s.network().classes().forEach(classes::add);
        ArrayNode p = o.putArray("probabilities");
        ArrayNode l = o.putArray("logits");
        for (int i = 0; i < s.network().classes().size(); i++) {
            p.add(s.probability(i));
            l.add(s.logit(i));
        }
        return o;
    }
}
