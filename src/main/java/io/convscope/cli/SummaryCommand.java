package io.convscope.cli;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.ModelLoader;
import io.convscope.network.caffe.CaffeImporter;
import io.convscope.network.caffe.PrototxtException;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureJson;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.TensorShape;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Every layer's output shape, parameters (trainable and not), multiply-accumulates, other "
                    + "operations and activation memory, with totals and a peak-memory estimate.",
            "The network is the bundled Tiny VGG unless one of --model, --preset or --prototxt is given; "
                    + "--model also opens a Caffe .prototxt by its extension.",
            "Formulas: docs/cost-formulas.md."
        })
final class SummaryCommand implements Callable<Integer> {

    static final class Source {
        @Option(
                names = {"-m", "--model"},
                paramLabel = "PATH",
                description = "Model: DL4J .zip, TensorFlow.js model.json (or its folder), Keras 2 .h5/.json, "
                        + "or a Caffe .prototxt.")
        Path model;

        @Option(
                names = "--preset",
                paramLabel = "NAME",
                description = "A built-in architecture (no weights): see --list-presets.")
        String preset;

        @Option(names = "--prototxt", paramLabel = "FILE", description = "A Caffe network definition (.prototxt).")
        Path prototxt;

        @Option(names = "--list-presets", description = "Print the preset names, one per line, and exit.")
        boolean listPresets;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(
            names = "--input",
            paramLabel = "HxWxC",
            description = "Input size to analyse at, e.g. 299x299x3 (presets and .prototxt files).")
    String input;

    @Option(names = "--json", description = "Print {name, layers, total_params, total_macs, ...} as JSON.")
    boolean json;

    @Option(
            names = "--fold",
            description = "Text mode: fold consecutive layers of one block (inception_3a/..., "
                    + "res2a...) into one row, as Netscope does.")
    boolean fold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (source.listPresets) {
            ArchitecturePresets.all().forEach(p -> out.printf(Locale.ROOT, "%-20s %s%n", p.id(), p.displayName()));
            out.flush();
            return 0;
        }
        ArchitectureGraph graph = load(parseInput(input));
        if (json) {
            out.println(ArchitectureJson.of(graph));
        } else {
            printTable(out, graph);
        }
        out.flush();
        return 0;
    }

    private ArchitectureGraph load(int[] chw) {
        Path caffe = source.prototxt != null
                ? source.prototxt
                : source.model != null
                                && source.model
                                        .toString()
                                        .toLowerCase(Locale.ROOT)
                                        .endsWith(".prototxt")
                        ? source.model
                        : null;
        if (caffe != null) {
            if (Files.isDirectory(caffe)) {
                throw new ConvScopeCommand.UserError(caffe + " is a folder; give a Caffe .prototxt file");
            }
            if (!Files.isRegularFile(caffe)) {
                throw new ConvScopeCommand.UserError("prototxt file " + caffe + " does not exist");
            }
            try {
                TensorShape override = chw == null ? null : TensorShape.chw(chw[0], chw[1], chw[2]);
                return CaffeImporter.read(caffe, new CaffeImporter.Options(CaffeImporter.Phase.TEST, override));
            } catch (PrototxtException e) {
                throw new ConvScopeCommand.UserError(ModelLoader.fileName(caffe) + ": " + e.getMessage());
            } catch (IOException e) {
                throw new ConvScopeCommand.UserError(ModelLoader.fileName(caffe) + " cannot be read"
                        + (e instanceof AccessDeniedException ? ": permission denied" : ""));
            }
        }
        if (source.preset != null) {
            ArchitecturePresets.Preset p = ArchitecturePresets.find(source.preset)
                    .orElseThrow(() -> new ConvScopeCommand.UserError("unknown preset " + source.preset + "; valid: "
                            + String.join(", ", ArchitecturePresets.ids())));
            try {
                return chw == null ? p.graph() : p.graph(chw);
            } catch (RuntimeException e) {
                throw new ConvScopeCommand.UserError(p.id() + " cannot be built for input " + input + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        if (chw != null) {
            throw new ConvScopeCommand.UserError(
                    "--input applies to --preset and --prototxt; a trained model's " + "input size is fixed");
        }
        ModelOption m = new ModelOption();
        m.model = source.model;
        return m.load().architecture();
    }

    /**
     * Largest height or width {@code --input} takes: VGG-16 at 16,384² already needs 137 GB of activations, and
     * larger sizes make flattened layers longer than a blob dimension (2^31 − 1) can be.
     */
    static final int MAX_INPUT_SIDE = 16_384;

    static final int MAX_INPUT_CHANNELS = 4_096;

    /** "224x224x3" → {3, 224, 224}; null when absent. */
    static int[] parseInput(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                int h = Integer.parseInt(parts[0].trim());
                int w = Integer.parseInt(parts[1].trim());
                int c = Integer.parseInt(parts[2].trim());
                if (h > MAX_INPUT_SIDE || w > MAX_INPUT_SIDE || c > MAX_INPUT_CHANNELS) {
                    throw inputTooLarge(text);
                }
                if (h > 0 && w > 0 && c > 0) {
                    return new int[] {c, h, w};
                }
            }
        } catch (NumberFormatException e) {
            if (text.matches("\\s*\\d+\\s*[xX]\\s*\\d+\\s*[xX]\\s*\\d+\\s*")) {
                throw inputTooLarge(text); // digits only, so a number beyond 32 bits
            }
        }
        throw new ConvScopeCommand.UserError(
                "--input must be HxWxC with positive numbers, e.g. 224x224x3, not " + text);
    }

    private static ConvScopeCommand.UserError inputTooLarge(String text) {
        return new ConvScopeCommand.UserError(String.format(
                Locale.ROOT,
                "--input %s is too large: height and width go " + "up to %,d and channels up to %,d",
                text,
                MAX_INPUT_SIDE,
                MAX_INPUT_CHANNELS));
    }

    private void printTable(PrintWriter out, ArchitectureGraph g) {
        out.println(g.name());
        int nameWidth = 16;
        for (ArchitectureNode n : g.nodes()) {
            nameWidth = Math.max(
                    nameWidth, Math.min(40, (fold && !n.block().isEmpty() ? n.block() : n.name()).length() + 4));
        }
        String row = "%-" + nameWidth + "s %-22s %-18s %14s %16s %14s%n";
        out.printf(Locale.ROOT, row, "layer", "type", "output", "params", "mult-adds", "activations");
        if (fold) {
            for (ArchitectureGraph.Block b : g.foldedBlocks()) {
                String name = b.folded() ? b.name() + " (" + b.nodes().size() + ")" : b.name();
                String type = b.folded() ? "block" : b.nodes().get(0).rawType();
                out.printf(
                        Locale.ROOT,
                        row,
                        clip(name, nameWidth),
                        clip(type, 22),
                        b.outputShape(),
                        String.format(Locale.ROOT, "%,d", b.params()),
                        String.format(Locale.ROOT, "%,d", b.multiplyAccumulates()),
                        String.format(Locale.ROOT, "%,d B", b.activationBytes()));
            }
        } else {
            for (ArchitectureNode n : g.nodes()) {
                out.printf(
                        Locale.ROOT,
                        row,
                        clip(n.name(), nameWidth),
                        clip(n.rawType(), 22),
                        n.outputShape(),
                        String.format(Locale.ROOT, "%,d", n.params()),
                        String.format(Locale.ROOT, "%,d", n.multiplyAccumulates()),
                        String.format(Locale.ROOT, "%,d B", n.activationBytes()));
            }
        }
        out.printf(
                Locale.ROOT,
                row,
                "total",
                "",
                "",
                String.format(Locale.ROOT, "%,d", g.params()),
                String.format(Locale.ROOT, "%,d", g.multiplyAccumulates()),
                String.format(Locale.ROOT, "%,d B", g.activationBytes()));
        out.printf(
                Locale.ROOT,
                "parameters: %,d trainable, %,d non-trainable (%,d B at fp32)%n",
                g.trainableParams(),
                g.nonTrainableParams(),
                g.paramBytes());
        out.printf(
                Locale.ROOT,
                "peak activation memory for one image: %,d B; other operations: %,d%n",
                g.peakActivationBytes(),
                g.operations().other());
        for (String w : g.warnings()) {
            out.println("warning: " + w);
        }
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
