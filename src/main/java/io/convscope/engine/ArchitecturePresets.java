package io.convscope.engine;

import io.convscope.engine.compile.ArchitectureConverter;
import io.convscope.network.graph.ArchitectureGraph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.InceptionResNetV1;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.TinyYOLO;
import org.deeplearning4j.zoo.model.UNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;
import org.deeplearning4j.zoo.model.YOLO2;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Well-known architectures from DL4J's model zoo (configurations only: no weights are created or downloaded) plus our
 * bundled Tiny VGG, by stable lower-case id ({@code vgg16}, {@code resnet50}, {@code tiny-vgg}...). The zoo's
 * ImageNet classifiers are set to 1,000 classes (their builders default to none, which would drop the classifier's
 * parameters); detectors and U-Net keep the zoo's defaults. The figures are those of DL4J's configurations, which can
 * differ from the papers: e.g. the zoo's ResNet-50 also strides its first residual stage, so it computes about a third
 * of the usual 3.9 G multiply-accumulates.
 */
public final class ArchitecturePresets {

    /**
     * One preset.
     *
     * @param id           stable lower-case id for the CLI and settings
     * @param displayName  what a menu shows
     * @param defaultInput channels, height, width the zoo defines it for
     * @param explainInput channels, height, width the Overview runs it at: the default, except where one image would
     *                     cost far more than a student waits for (U-Net at 512 x 512 needs 219 G multiply-accumulates
     *                     and 1.2 GB of activations; fully convolutional networks take any multiple of their stride)
     */
    public record Preset(
            String id,
            String displayName,
            int[] defaultInput,
            int[] explainInput,
            Function<int[], Object> configuration) {

        /** The architecture at the default input size. */
        public ArchitectureGraph graph() {
            return graph(defaultInput);
        }

        /** The architecture at another input size ({channels, height, width}), where the network allows it. */
        public ArchitectureGraph graph(int[] chw) {
            Object conf = configuration.apply(chw);
            InputType input = InputType.convolutional(chw[1], chw[2], chw[0]);
            ArchitectureGraph g = conf instanceof MultiLayerConfiguration mlc
                    ? ArchitectureConverter.of(displayName, mlc, input)
                    : ArchitectureConverter.of(displayName, (ComputationGraphConfiguration) conf, input);
            String note = NOTES.get(id);
            if (note == null) {
                return g;
            }
            List<String> warnings = new ArrayList<>(g.warnings());
            warnings.add(note);
            return new ArchitectureGraph(g.name(), g.inputShapes(), g.nodes(), g.edges(), warnings);
        }

        /** The DL4J configuration itself (a MultiLayerConfiguration or a ComputationGraphConfiguration). */
        public Object configuration(int[] chw) {
            return configuration.apply(chw);
        }
    }

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();
    /**
     * Where DL4J's zoo configuration differs from the published network, so nobody mistakes our (correct) count of
     * DL4J's network for a miscount of the paper's.
     */
    private static final Map<String, String> NOTES = Map.of(
            "vgg19",
                    "DL4J's zoo VGG19 has one 4096-unit dense layer where the paper has two (fc6, fc7): "
                            + "126,885,928 parameters instead of the paper's 143,667,240 (the difference is 4096 x 4096 + 4096).",
            "resnet50",
                    "DL4J's zoo ResNet50 pools its stem without padding (55 x 55) and strides its first residual "
                            + "stage, so it computes about 1.1 G multiply-accumulates instead of the paper's 3.9 G; the "
                            + "parameters (25.6 M) match. The Caffe resnet-50.prototxt preset follows the paper.");

    static {
        add(
                "tiny-vgg",
                "Tiny VGG (ConvScope)",
                3,
                64,
                64,
                s -> TinyVgg.configurationFor(s[0], s[1], s[2], TinyVgg.CLASSES.size()));
        add("lenet", "LeNet", 1, 28, 28, s -> LeNet.builder()
                .numClasses(10)
                .inputShape(s)
                .build()
                .conf());
        add("alexnet", "AlexNet", 3, 224, 224, s -> AlexNet.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .conf());
        add("vgg16", "VGG-16", 3, 224, 224, s -> VGG16.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .conf());
        add("vgg19", "VGG-19", 3, 224, 224, s -> VGG19.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .conf());
        add("resnet50", "ResNet-50", 3, 224, 224, s -> ResNet50.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .graphBuilder()
                .build());
        add("inception-resnet-v1", "Inception-ResNet v1", 3, 160, 160, ArchitecturePresets::inceptionResNetV1);
        add("squeezenet", "SqueezeNet", 3, 227, 227, s -> SqueezeNet.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(s[1], s[2], s[0]))
                .build());
        add("darknet19", "Darknet-19", 3, 224, 224, s -> Darknet19.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .conf());
        // The zoo's own default is no classes at all (boxes and objectness only); its pretrained weights are Tiny YOLO
        // on PASCAL VOC (20 classes) and YOLOv2 on COCO (80), so the presets have those heads.
        add("tiny-yolo", "Tiny YOLO", 3, 416, 416, s -> TinyYOLO.builder()
                .numClasses(20)
                .inputShape(s)
                .build()
                .conf());
        add("yolo2", "YOLOv2", 3, 608, 608, s -> YOLO2.builder()
                .numClasses(80)
                .inputShape(s)
                .build()
                .conf());
        explainAt("yolo2", 416); // YOLOv2-416, the paper's other size: a 13 x 13 grid, 15 G multiply-accumulates
        add("xception", "Xception", 3, 299, 299, s -> Xception.builder()
                .numClasses(1000)
                .inputShape(s)
                .build()
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(s[1], s[2], s[0]))
                .build());
        add("unet", "U-Net", 3, 512, 512, s -> UNet.builder()
                .inputShape(s)
                .build()
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(s[1], s[2], s[0]))
                .build());
        explainAt("unet", 128); // 14 G multiply-accumulates and 75 MB of activations instead of 219 G and 1.2 GB
    }

    /**
     * The zoo builds this one's head only inside {@code init()}, which would allocate the weights; this repeats that
     * head (128-d embedding, L2 normalisation, centre-loss classifier) on the zoo's public graph builder.
     */
    private static ComputationGraphConfiguration inceptionResNetV1(int[] s) {
        int embedding = 128;
        int classes = 1000;
        return InceptionResNetV1.builder()
                .numClasses(classes)
                .inputShape(s)
                .build()
                .graphBuilder("input1")
                .addInputs("input1")
                .setInputTypes(InputType.convolutional(s[1], s[2], s[0]))
                .addLayer(
                        "bottleneck",
                        new DenseLayer.Builder().nIn(5376).nOut(embedding).build(),
                        "avgpool")
                .addVertex("embeddings", new L2NormalizeVertex(new int[] {1}, 1e-10), "bottleneck")
                .addLayer(
                        "outputLayer",
                        new CenterLossOutputLayer.Builder()
                                .lossFunction(LossFunctions.LossFunction.SQUARED_LOSS)
                                .activation(Activation.SOFTMAX)
                                .alpha(0.9)
                                .lambda(1e-4)
                                .nIn(embedding)
                                .nOut(classes)
                                .build(),
                        "embeddings")
                .setOutputs("outputLayer")
                .build();
    }

    private static void add(String id, String name, int c, int h, int w, Function<int[], Object> conf) {
        PRESETS.put(id, new Preset(id, name, new int[] {c, h, w}, new int[] {c, h, w}, conf));
    }

    private static void explainAt(String id, int size) {
        Preset p = PRESETS.get(id);
        PRESETS.put(
                id,
                new Preset(
                        id,
                        p.displayName(),
                        p.defaultInput(),
                        new int[] {p.defaultInput()[0], size, size},
                        p.configuration));
    }

    private ArchitecturePresets() {}

    /** All ids, in menu order. */
    public static List<String> ids() {
        return List.copyOf(PRESETS.keySet());
    }

    public static List<Preset> all() {
        return List.copyOf(PRESETS.values());
    }

    public static Optional<Preset> find(String id) {
        return Optional.ofNullable(PRESETS.get(id));
    }
}
