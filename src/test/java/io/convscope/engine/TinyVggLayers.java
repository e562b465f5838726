package io.convscope.engine;

import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What any Tiny VGG looks like once compiled, whether it is the model we ship or one built from the configuration:
 * CNN Explainer's layers, in its order and with its names, and 19,920 parameters.
 */
final class TinyVggLayers {

    static final List<String> NAMES = List.of(
            "input",
            "conv_1_1",
            "relu_1_1",
            "conv_1_2",
            "relu_1_2",
            "max_pool_1",
            "conv_2_1",
            "relu_2_1",
            "conv_2_2",
            "relu_2_2",
            "max_pool_2",
            "flatten",
            "output");

    private TinyVggLayers() {}

    /** Asserts CNN Explainer's layer names, the parameter count and the output layer. */
    static void assertTinyVgg(NetworkDescription d) {
        assertEquals(NAMES, d.layers().stream().map(LayerDescription::name).toList());
        assertEquals(19_920, d.parameterCount());
        assertEquals(LayerKind.OUTPUT, d.layer(12).kind());
    }
}
