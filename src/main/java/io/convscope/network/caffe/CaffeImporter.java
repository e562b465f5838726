package io.convscope.network.caffe;

import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.ArchitectureNode.Port;
import io.convscope.network.graph.BlockNames;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.Operations;
import io.convscope.network.graph.TensorShape;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Caffe network definition ({@code .prototxt}) into an {@link ArchitectureGraph}, with shapes and costs per
 * {@link CaffeLayers}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Both {@code layer {}} and the deprecated V1 {@code layers {}} (type enums such as {@code CONVOLUTION},
 *       {@code INNER_PRODUCT}) are read, in file order, even mixed in one file.</li>
 *   <li><b>Phase</b>: layers are kept as Caffe keeps them for the chosen phase ({@code include}/{@code exclude} rules).
 *       The default is {@link Phase#TEST}, i.e. deploy/inference semantics, because the figures describe running the
 *       network on one image; Netscope defaults to TRAIN. A train_val file's test-time data layer and Accuracy layer
 *       stay, its TRAIN-only ones go.</li>
 *   <li><b>Inputs</b>: top-level {@code input:} with {@code input_dim} (4 per input) or {@code input_shape}, an
 *       {@code Input} layer's {@code input_param.shape}, DummyData/MemoryData/ImageData sizes, or a data layer's
 *       {@code transform_param.crop_size} (then 3 channels, as Netscope assumes). The batch in the file is ignored:
 *       everything is counted for one image. {@link Options#input()} replaces the first input's shape.</li>
 *   <li><b>Blobs</b>: a bottom reads the latest layer that wrote that blob name, so in-place layers (top == bottom,
 *       e.g. ReLU after a convolution) become a chain and are marked {@link ArchitectureNode#inPlace()}. A bottom
 *       nobody wrote becomes an "implicit" node of unknown shape, with a warning.</li>
 *   <li>An unknown layer type never fails the import: it becomes an {@link NodeType#OTHER} node that passes its input
 *       shape through when it has one bottom and one top, with a warning on the graph.</li>
 * </ul>
 */
public final class CaffeImporter {

    /** Caffe's network phases. */
    public enum Phase {
        TRAIN,
        TEST
    }

    /**
     * @param phase which layers to keep
     * @param input replaces the first input's shape (C×H×W) when not null, e.g. to analyse at another resolution
     */
    public record Options(Phase phase, TensorShape input) {
        public static final Options DEFAULT = new Options(Phase.TEST, null);
    }

    private static final String NOT_TEXT = "this file holds binary data, not a text prototxt (a Caffe network "
            + "definition in protobuf text format)";

    private CaffeImporter() {}

    public static ArchitectureGraph read(Path file) throws IOException, PrototxtException {
        return read(file, Options.DEFAULT);
    }

    public static ArchitectureGraph read(Path file, Options options) throws IOException, PrototxtException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new PrototxtException(NOT_TEXT, 1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new PrototxtException(NOT_TEXT, 1);
        }
        String fallback = file.getFileName().toString().replaceFirst("\\.prototxt$", "");
        return parse(text, fallback, options);
    }

    /** Parses prototxt text; {@code fallbackName} names a network whose file has no {@code name:}. */
    public static ArchitectureGraph parse(String text, String fallbackName, Options options) throws PrototxtException {
        return new CaffeImporter.Build(ProtoTextParser.parse(text), options).graph(fallbackName);
    }

    /** Runs one step of the import for {@code what} ("layer 'conv1'"), turning its bad values into a sentence. */
    private interface Step {
        void run() throws PrototxtException;
    }

    private static void checked(String what, int line, Step step) throws PrototxtException {
        try {
            step.run();
        } catch (CaffeValues.BadValue e) {
            throw new PrototxtException(what + ": " + e.getMessage(), line);
        } catch (ArithmeticException e) {
            // an exact product of blob sizes (TensorShape) that does not fit in 64 bits
            throw new PrototxtException(what + ": its output has more values than 64-bit integers count", line);
        }
    }

    private static final class Build {
        private final ProtoMessage net;
        private final Options options;
        private final List<String> warnings = new ArrayList<>();
        private final CaffeBlobs blobs = new CaffeBlobs();
        private final CaffeInputShapes inputShapes = new CaffeInputShapes(warnings);
        private boolean firstInputDone;
        /** data layers the phase dropped, by top: used when nothing else defines the blob (a TRAIN-only data layer) */
        private final Map<String, ProtoMessage> otherPhaseData = new HashMap<>();

        Build(ProtoMessage net, Options options) {
            this.net = net;
            this.options = options;
        }

        ArchitectureGraph graph(String fallbackName) throws PrototxtException {
            topLevelInputs();
            for (ProtoMessage.Field f : net.fields()) {
                if ((f.name().equals("layer") || f.name().equals("layers"))
                        && f.value() instanceof ProtoMessage layer) {
                    String what = "layer '" + layer.string("name", "layer@" + f.line()) + "'";
                    if (inPhase(layer)) {
                        checked(what, f.line(), () -> layer(layer, f.line()));
                    } else if (CaffeLayers.KNOWN.get(CaffeLayerTypes.key(layer)) == NodeType.INPUT) {
                        layer.strings("top").forEach(t -> otherPhaseData.putIfAbsent(t, layer));
                    }
                }
            }
            List<ArchitectureNode> nodes = blobs.nodes();
            if (nodes.stream().noneMatch(n -> n.type() == NodeType.INPUT)) {
                warnings.add(0, "the file declares no input (input:, Input layer or data layer with crop_size)");
            }
            ArchitectureGraph g = ArchitectureGraph.of(net.string("name", fallbackName), nodes, warnings);
            try {
                g.checkTotals();
            } catch (ArithmeticException e) {
                throw new PrototxtException(
                        "the network's " + e.getMessage() + " are more than 64-bit integers count", 1);
            }
            return g;
        }

        private void topLevelInputs() throws PrototxtException {
            List<String> names = net.strings("input");
            List<Integer> lines = net.fields().stream()
                    .filter(f -> f.name().equals("input"))
                    .map(ProtoMessage.Field::line)
                    .toList();
            List<ProtoMessage> declared = net.messages("input_shape");
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                checked("input '" + names.get(i) + "'", lines.get(i), () -> {
                    TensorShape s = TensorShape.UNKNOWN;
                    List<Long> inputDims = net.longs("input_dim");
                    if (index < declared.size()) {
                        s = inputShapes.withoutBatch(declared.get(index).longs("dim"), "input_shape dim");
                    } else if (inputDims.size() >= 4 * (index + 1)) {
                        s = inputShapes.withoutBatch(inputDims.subList(4 * index, 4 * index + 4), "input_dim");
                    }
                    addInput(names.get(index), "Input", List.of(names.get(index)), List.of(s));
                });
            }
        }

        private boolean inPhase(ProtoMessage layer) {
            String phase = options.phase().name();
            List<ProtoMessage> include = layer.messages("include");
            if (!include.isEmpty()
                    && include.stream().noneMatch(r -> r.string("phase", phase).equals(phase))) {
                return false;
            }
            return layer.messages("exclude").stream()
                    .noneMatch(r -> r.string("phase", "").equals(phase));
        }

        private void layer(ProtoMessage layer, int line) {
            String type = CaffeLayerTypes.name(layer);
            String key = CaffeLayerTypes.key(layer);
            String name = layer.string("name", "layer@" + line);
            List<String> bottoms = layer.strings("bottom");
            List<String> tops = layer.strings("top");
            if (CaffeLayers.KNOWN.get(key) == NodeType.INPUT) {
                dataLayer(layer, name);
                return;
            }
            List<Port> inputs = new ArrayList<>();
            List<TensorShape> inShapes = new ArrayList<>();
            for (String b : bottoms) {
                Port port = bottom(b, name);
                inputs.add(port);
                inShapes.add(blobs.shape(port));
            }
            CaffeLayers.Analysis a =
                    CaffeLayers.analyse(new CaffeLayers.Layer(name, key, layer, inShapes, tops.size()));
            warnings.addAll(a.warnings());
            List<TensorShape> outs = new ArrayList<>(a.outputs());
            while (outs.size() < tops.size()) {
                outs.add(TensorShape.UNKNOWN);
            }
            // a sink such as Netscope's "implicit" output marker shows its input's shape but holds no new values
            long activations = tops.isEmpty() ? 0 : CaffeBlobs.values(outs);
            boolean inPlace = tops.stream().anyMatch(bottoms::contains);
            blobs.add(
                    new ArchitectureNode(
                            blobs.uniqueId(name),
                            name,
                            a.type(),
                            type,
                            inputs,
                            outs,
                            a.trainable(),
                            a.nonTrainable(),
                            a.ops(),
                            activations,
                            BlockNames.of(name),
                            a.attributes(),
                            inPlace),
                    tops);
        }

        /** The output layer {@code reader} reads as blob {@code b}; a blob nobody wrote gets a node of its own. */
        private Port bottom(String b, String reader) {
            Port port = blobs.writer(b);
            if (port == null && otherPhaseData.containsKey(b)) {
                // e.g. Inception v3's train_val file has a data layer for TRAIN only: use it rather than no input
                ProtoMessage data = otherPhaseData.remove(b);
                warnings.add("input " + b + " comes from data layer " + data.string("name", b) + " of another phase");
                dataLayer(data, data.string("name", b));
                port = blobs.writer(b);
            }
            if (port == null) {
                warnings.add("layer " + reader + " reads blob " + b + ", which no layer or input defines");
                addSource(b, "implicit", NodeType.OTHER, List.of(TensorShape.UNKNOWN), Map.of(), 0, List.of(b));
                port = blobs.writer(b);
            }
            return port;
        }

        private void dataLayer(ProtoMessage layer, String name) {
            List<String> tops = layer.strings("top");
            List<TensorShape> outs = inputShapes.ofDataLayer(layer, CaffeLayerTypes.key(layer), tops.size());
            addInput(name, CaffeLayerTypes.name(layer), tops, outs);
        }

        private void addInput(String name, String type, List<String> tops, List<TensorShape> outs) {
            List<TensorShape> shapesOut = new ArrayList<>(outs);
            if (!firstInputDone && options.input() != null && !shapesOut.isEmpty()) {
                shapesOut.set(0, options.input());
            }
            firstInputDone = true;
            for (int i = 0; i < shapesOut.size(); i++) {
                if (!shapesOut.get(i).known()) {
                    warnings.add("input " + tops.get(i) + " of " + name + " has no size in the file (use --input)");
                }
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            if (!shapesOut.isEmpty() && shapesOut.get(0).known()) {
                attrs.put("shape", shapesOut.get(0).toString());
            }
            addSource(name, type, NodeType.INPUT, shapesOut, attrs, CaffeBlobs.values(shapesOut), tops);
        }

        /** Adds a node that reads nothing and costs nothing: an input, or a stand-in for a blob nobody wrote. */
        private void addSource(
                String name,
                String rawType,
                NodeType type,
                List<TensorShape> outs,
                Map<String, String> attrs,
                long activations,
                List<String> tops) {
            blobs.add(
                    new ArchitectureNode(
                            blobs.uniqueId(name),
                            name,
                            type,
                            rawType,
                            List.of(),
                            outs,
                            0,
                            0,
                            Operations.NONE,
                            activations,
                            BlockNames.of(name),
                            attrs,
                            false),
                    tops);
        }
    }
}
