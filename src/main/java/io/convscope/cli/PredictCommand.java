package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.ImageInputException;
import io.convscope.engine.Inference;
import io.convscope.network.ActivationSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images and print the top classes with their probabilities.")
final class PredictCommand implements Callable<Integer> {

    static final int TOP = 3;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--json", description = "Print a JSON array: image, label, classes, probabilities, logits.")
    boolean json;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (JPEG, PNG, GIF, BMP, TIFF, WebP).")
    List<Path> images;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inference inference = new Inference(modelOption.load());
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        int failures = 0;
        for (Path image : images) {
            ActivationSnapshot s;
            try {
                s = inference.run(image);
            } catch (ImageInputException e) {
                err.println("convscope: " + e.getMessage());
                failures++;
                continue;
            }
            if (json) {
                array.add(toJson(mapper, image, s));
            } else {
                out.println(image);
                for (int c : java.util.Arrays.copyOf(s.ranking(), Math.min(TOP, s.ranking().length))) {
                    out.printf(Locale.ROOT, "  %-14s %6.2f %%%n", s.network().classes().get(c), 100 * s.probability(c));
                }
            }
        }
        if (json) {
            out.println(mapper.writeValueAsString(array));
        }
        out.flush();
        return failures == 0 ? 0 : ConvScopeCommand.USER_ERROR;
    }

    static ObjectNode toJson(ObjectMapper mapper, Path image, ActivationSnapshot s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("image", image.toString());
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
