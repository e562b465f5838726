package io.convscope.fuzz;

import io.convscope.engine.SharedData;
import io.convscope.network.caffe.CaffeImporter;
import io.convscope.network.caffe.PrototxtException;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureJson;
import io.convscope.network.graph.TensorShape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds the Caffe importer thousands of damaged {@code .prototxt} texts made from networks this test writes itself
 * (every layer type the analyzer knows, V1 and V2 syntax, every kind of input), plus Netscope's presets from
 * ../shared when they are there (optional extra seeds). Token mutations are seeded (-Dfuzz.seed): numbers replaced
 * by huge, negative, zero or non-numbers, tokens deleted, duplicated or swapped, braces added, layers repeated,
 * messages nested thousands deep, text cut short. Every input must be analysed (totals, folded rows, JSON), or be
 * refused with a PrototxtException whose message is a sentence, in under 5 s; warnings must read as sentences too.
 * Run: {@code mvn -B -Pfuzz test -Dtest=PrototxtFuzzTest -Dfuzz.prototxt=N}.
 */
class PrototxtFuzzTest {

    /** Numbers, strings, identifiers, punctuation: what the mutations work on. */
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|[-+]?[0-9][0-9A-Za-z.+-]*|[A-Za-z_][A-Za-z0-9_.]*|[{}\\[\\]<>:,;]|#[^\\n]*");

    private static final String[] FIELDS = {
        "num_output",
        "kernel_size",
        "stride",
        "pad",
        "group",
        "dilation",
        "axis",
        "crop_size",
        "input_dim",
        "dim",
        "slice_point",
        "order",
        "local_size",
        "pooled_h",
        "top_k",
        "keep_top_k",
        "end_axis",
        "num_axes",
        "height",
        "width",
        "channels",
        "kernel_h",
        "stride_w",
        "coeff",
        "aspect_ratio",
        "bottom",
        "top",
        "type",
        "name",
        "global_pooling",
        "bias_term",
        "concat_dim",
        "new_height"
    };
    private static final String[] TYPES = {
        "Convolution",
        "Deconvolution",
        "Pooling",
        "InnerProduct",
        "Concat",
        "Eltwise",
        "Reshape",
        "Permute",
        "Slice",
        "Flatten",
        "Crop",
        "PriorBox",
        "ROIPooling",
        "DetectionOutput",
        "LRN",
        "BatchNorm",
        "Scale",
        "Python",
        "Input",
        "MemoryData",
        "ImageData",
        "Split",
        "Softmax",
        "Frobnicate"
    };

    @Test
    void damagedPrototxtIsAnalysedOrRefusedWithASentence() throws Exception {
        int iterations = FuzzSupport.iterations("fuzz.prototxt", 4_000);
        long seed = Long.getLong("fuzz.seed", 20261206L);
        List<String> seeds = new ArrayList<>(Seeds.ALL);
        seeds.addAll(presets());
        Random rng = new Random(seed);
        try (FuzzSupport.Runner runner =
                new FuzzSupport.Runner("PrototxtFuzzTest (seed " + seed + ", " + seeds.size() + " seeds)")) {
            for (int i = 0; i < iterations; i++) {
                String text = mutate(seeds.get(rng.nextInt(seeds.size())), rng);
                TensorShape input = rng.nextInt(8) == 0
                        ? TensorShape.chw(1 + rng.nextInt(2048), 1 + rng.nextInt(16_384), 1 + rng.nextInt(16_384))
                        : null;
                runner.run(
                        "case " + i + " (seed " + seed + ")",
                        () -> analyse(text, input),
                        PrototxtException.class::isInstance);
            }
            System.out.println(runner.summary());
            assertTrue(runner.failures().isEmpty(), runner.summary());
        }
    }

    /** Analyses as the CLI's summary and the architecture window do: every total, the folded rows, the JSON. */
    private static String analyse(String text, TensorShape input) throws PrototxtException {
        ArchitectureGraph g =
                CaffeImporter.parse(text, "fuzz", new CaffeImporter.Options(CaffeImporter.Phase.TEST, input));
        g.checkTotals();
        g.foldedBlocks().forEach(b -> b.activationBytes());
        ArchitectureJson.of(g);
        for (String w : g.warnings()) {
            String why = FuzzSupport.rawness(w);
            if (why != null) {
                throw new IllegalStateException("warning " + why + ": " + w);
            }
        }
        return g.nodes().size() > 1 ? "analysed" : "analysed (no layers)";
    }

    static String mutate(String text, Random rng) {
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
            spans.add(new int[] {m.start(), m.end()});
        }
        StringBuilder sb = new StringBuilder(text);
        // mostly values that still parse (the analyzer's checks), sometimes syntax (the parser's)
        boolean syntax = rng.nextInt(4) == 0;
        if (!syntax) {
            List<int[]> values = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (isNumber(tokens.get(i)) || (i > 1 && tokens.get(i - 2).equals("type"))) {
                    values.add(spans.get(i));
                }
            }
            spans = values;
        }
        int n = 1 + rng.nextInt(syntax ? 4 : 3);
        // edit from the end so earlier spans stay valid
        List<int[]> edits = new ArrayList<>();
        for (int k = 0; k < n && !spans.isEmpty(); k++) {
            edits.add(spans.get(rng.nextInt(spans.size())));
        }
        edits.sort((a, b) -> b[0] - a[0]);
        int last = Integer.MAX_VALUE;
        for (int[] span : edits) {
            if (span[1] > last) {
                continue;
            }
            last = span[0];
            String token = sb.substring(span[0], span[1]);
            sb.replace(span[0], span[1], syntax ? replacement(token, rng) : value(token, rng));
        }
        String out = sb.toString();
        return switch (rng.nextInt(20)) {
            case 0 -> out.substring(0, rng.nextInt(out.length() + 1));
            case 1 -> {
                int depth = 50 + rng.nextInt(10_000);
                yield out + "\nlayer { name: \"deep\" " + "p { ".repeat(depth)
                        + "}".repeat(rng.nextInt(4) == 0 ? depth - 1 : depth) + " }";
            }
            case 2 -> out + "\n" + out.substring(out.indexOf("layer") < 0 ? 0 : out.indexOf("layer"));
            default -> out;
        };
    }

    private static boolean isNumber(String token) {
        char c = token.charAt(0);
        return Character.isDigit(c) || ((c == '-' || c == '+') && token.length() > 1);
    }

    /** A value that still parses: a nasty number, or another layer type. */
    private static String value(String token, Random rng) {
        if (!isNumber(token)) {
            return "\"" + TYPES[rng.nextInt(TYPES.length)] + "\"";
        }
        return rng.nextInt(5) == 0
                ? new String[] {"nan", "inf", "-inf", "0x7fffffff", "1e999", "2.5", "-0", "1f"}[rng.nextInt(8)]
                : FuzzSupport.NASTY_NUMBERS[rng.nextInt(FuzzSupport.NASTY_NUMBERS.length)];
    }

    private static String replacement(String token, Random rng) {
        boolean number = isNumber(token);
        return switch (rng.nextInt(number ? 3 : 9)) {
            case 0 -> FuzzSupport.NASTY_NUMBERS[rng.nextInt(FuzzSupport.NASTY_NUMBERS.length)];
            case 1 -> new String[] {"nan", "inf", "-inf", "0x7fffffff", "1e999", "2.5", "-0", "1f", "true", ""}
                    [rng.nextInt(10)];
            case 2 -> "";
            case 3 -> FIELDS[rng.nextInt(FIELDS.length)];
            case 4 -> "\"" + TYPES[rng.nextInt(TYPES.length)] + "\"";
            case 5 -> token + " " + token;
            case 6 -> new String[] {"{", "}", "[", "]", ":", "<", "\"", "'", "\\"}[rng.nextInt(9)];
            case 7 -> token.toUpperCase(Locale.ROOT);
            default -> "\"" + token.replace("\"", "") + "\"";
        };
    }

    /** Netscope's presets, when ../shared has them: optional extra seeds (never required, never on CI). */
    private static List<String> presets() throws IOException {
        Path dir = SharedData.ROOT.resolve("reference/netscope-presets");
        if (!Files.isDirectory(dir)) {
            System.out.println("PrototxtFuzzTest: " + dir + " is absent; using the built-in seeds only");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".prototxt"))
                    .sorted()
                    .toList()) {
                out.add(Files.readString(p));
            }
        }
        return out;
    }

    /** Hand-written networks covering every layer type and input form the importer reads. */
    static final class Seeds {
        static final List<String> ALL = List.of(
                """
                name: "chain"
                input: "data" input_dim: 1 input_dim: 3 input_dim: 32 input_dim: 32
                layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
                  convolution_param { num_output: 8 kernel_size: 3 stride: 1 pad: 1 group: 1 dilation: 1 } }
                layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
                layer { name: "norm1" type: "LRN" bottom: "conv1" top: "norm1" lrn_param { local_size: 5 alpha: 0.0001 beta: 0.75 } }
                layer { name: "pool1" type: "Pooling" bottom: "norm1" top: "pool1" pooling_param { pool: MAX kernel_size: 3 stride: 2 pad: 1 } }
                layer { name: "bn" type: "BatchNorm" bottom: "pool1" top: "pool1" }
                layer { name: "sc" type: "Scale" bottom: "pool1" top: "pool1" scale_param { bias_term: true } }
                layer { name: "fc" type: "InnerProduct" bottom: "pool1" top: "fc" inner_product_param { num_output: 10 } }
                layer { name: "drop" type: "Dropout" bottom: "fc" top: "fc" dropout_param { dropout_ratio: 0.5 } }
                layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
                """,
                """
                name: "branches"
                layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: 16 dim: 28 dim: 28 } } }
                layer { name: "a/1x1" type: "Convolution" bottom: "data" top: "a" convolution_param { num_output: 4 kernel_h: 1 kernel_w: 1 } }
                layer { name: "b/3x3" type: "Convolution" bottom: "data" top: "b" convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
                layer { name: "cat" type: "Concat" bottom: "a" bottom: "b" top: "cat" concat_param { axis: 1 } }
                layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "sum" eltwise_param { operation: SUM coeff: 1 coeff: -1 } }
                layer { name: "split" type: "Slice" bottom: "cat" top: "s1" top: "s2" slice_param { axis: 1 slice_point: 3 } }
                layer { name: "up" type: "Deconvolution" bottom: "sum" top: "up" convolution_param { num_output: 2 kernel_size: 4 stride: 2 pad: 1 } }
                layer { name: "crop" type: "Crop" bottom: "up" bottom: "data" top: "crop" crop_param { axis: 2 offset: 1 } }
                layer { name: "flat" type: "Flatten" bottom: "s1" top: "flat" flatten_param { axis: 1 end_axis: -1 } }
                layer { name: "resh" type: "Reshape" bottom: "s2" top: "resh" reshape_param { shape { dim: 0 dim: -1 dim: 14 } } }
                layer { name: "perm" type: "Permute" bottom: "resh" top: "perm" permute_param { order: 0 order: 2 order: 1 } }
                layer { name: "gap" type: "Pooling" bottom: "crop" top: "gap" pooling_param { pool: AVE global_pooling: true } }
                layer { name: "prelu" type: "PReLU" bottom: "gap" top: "gap" }
                layer { name: "pow" type: "Power" bottom: "gap" top: "pow" power_param { power: 2 scale: 0.5 shift: 1 } }
                """,
                """
                name: "ssd-ish"
                input: "data"
                input_shape { dim: 1 dim: 3 dim: 300 dim: 300 }
                layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 16 kernel_size: 3 stride: 2 } }
                layer { name: "norm" type: "Normalize" bottom: "conv" top: "norm" norm_param { across_spatial: false channel_shared: false } }
                layer { name: "prior" type: "PriorBox" bottom: "norm" bottom: "data" top: "prior"
                  prior_box_param { min_size: 30 max_size: 60 aspect_ratio: 2 aspect_ratio: 3 flip: true } }
                layer { name: "loc" type: "Convolution" bottom: "norm" top: "loc" convolution_param { num_output: 24 kernel_size: 3 pad: 1 } }
                layer { name: "perm" type: "Permute" bottom: "loc" top: "perm" permute_param { order: 0 order: 2 order: 3 order: 1 } }
                layer { name: "flat" type: "Flatten" bottom: "perm" top: "flat" }
                layer { name: "det" type: "DetectionOutput" bottom: "flat" bottom: "prior" top: "det"
                  detection_output_param { keep_top_k: 200 nms_param { top_k: 400 } } }
                """,
                """
                name: "rcnn-ish"
                input: "data" input_shape { dim: 1 dim: 3 dim: 224 dim: 224 }
                input: "im_info" input_shape { dim: 1 dim: 3 }
                layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 8 kernel_size: 3 } }
                layer { name: "proposal" type: "Python" bottom: "conv" bottom: "im_info" top: "rois"
                  python_param { module: "rpn.proposal_layer" layer: "ProposalLayer" } }
                layer { name: "roi" type: "ROIPooling" bottom: "conv" bottom: "rois" top: "pool"
                  roi_pooling_param { pooled_h: 7 pooled_w: 7 spatial_scale: 0.0625 } }
                layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 21 } }
                layer { name: "odd" type: "Frobnicate" bottom: "fc" top: "odd" }
                layer { name: "odd" type: "Split" bottom: "odd" top: "x" top: "y" }
                """,
                """
                name: "v1-train"
                layers { name: "data" type: DATA top: "data" top: "label" include { phase: TRAIN }
                  transform_param { crop_size: 227 mirror: true } }
                layers { name: "data" type: MEMORY_DATA top: "data" top: "label" include { phase: TEST }
                  memory_data_param { batch_size: 1 channels: 3 height: 64 width: 64 } }
                layers { name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1" convolution_param { num_output: 6 kernel_size: 5 } }
                layers { name: "pool1" type: POOLING bottom: "conv1" top: "pool1" pooling_param { pool: AVE kernel_size: 2 stride: 2 } }
                layers { name: "ip" type: INNER_PRODUCT bottom: "pool1" top: "ip" inner_product_param { num_output: 10 bias_term: false } }
                layers { name: "loss" type: SOFTMAX_LOSS bottom: "ip" bottom: "label" top: "loss" }
                layers { name: "acc" type: ACCURACY bottom: "ip" bottom: "label" top: "acc" include: { phase: TEST } }
                """,
                """
                name: "image-data"
                layer { name: "img" type: "ImageData" top: "data" top: "label"
                  image_data_param { source: "list.txt" new_height: 96 new_width: 128 is_color: false } }
                layer { name: "c" type: "Convolution" bottom: "data" top: "c"
                  convolution_param { num_output: 4 kernel_size: 3 kernel_size: 5 stride: 1 stride: 2 dilation: 2 } }
                layer { name: "bias" type: "Bias" bottom: "c" top: "c" }
                layer { name: "sig" type: "Sigmoid" bottom: "c" top: "c" }
                layer { name: "six" type: "ReLU6" bottom: "c" top: "c" }
                layer { name: "elu" type: "ELU" bottom: "c" top: "c" }
                layer { name: "dummy" type: "DummyData" top: "d" dummy_data_param { shape { dim: 1 dim: 4 dim: 2 dim: 2 } } }
                layer { name: "silence" type: "Silence" bottom: "d" }
                """);
    }
}
