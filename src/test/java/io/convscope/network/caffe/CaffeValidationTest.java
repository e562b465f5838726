package io.convscope.network.caffe;

import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers that overflow or make no sense are refused with "layer 'name': field value is problem" (the CLI adds the
 * file), and totals are exact: a count that does not fit in 64 bits is an error, never a negative total.
 */
class CaffeValidationTest {

    private static ArchitectureGraph parse(String text) throws PrototxtException {
        return CaffeImporter.parse(text, "test", CaffeImporter.Options.DEFAULT);
    }

    private static void assertRefused(String text, String message) {
        PrototxtException e = assertThrows(PrototxtException.class, () -> parse(text));
        assertEquals(message, e.getMessage());
    }

    private static final String INPUT = "input: \"data\" input_dim: 1 input_dim: 3 input_dim: 224 input_dim: 224\n";

    @Test
    void sizesTooLargeForCaffesIntegersAreRefused() {
        assertRefused(
                "layer { name: \"data\" type: \"Data\" top: \"data\" transform_param { crop_size: 3000000000 } }",
                "layer 'data': crop_size 3000000000 is too large");
        assertRefused(
                "input: \"data\"\ninput_dim: 1 input_dim: 3 input_dim: 2147483648 input_dim: 224",
                "input 'data': input_dim 2147483648 is too large");
        assertRefused(
                INPUT + "layer { name: \"fc\" type: \"InnerProduct\" bottom: \"data\" top: \"fc\" "
                        + "inner_product_param { num_output: 99999999999999999999 } }",
                "layer 'fc': num_output 99999999999999999999 is too large");
    }

    @Test
    void sizesThatMakeNoSenseAreRefused() {
        assertRefused(
                "layer { name: \"data\" type: \"MemoryData\" top: \"data\" memory_data_param { height: 0 width: 4 } }",
                "layer 'data': height 0 is not a positive number");
        assertRefused(
                INPUT + "layer { name: \"conv\" type: \"Convolution\" bottom: \"data\" top: \"conv\" "
                        + "convolution_param { num_output: -5 kernel_size: 3 } }",
                "layer 'conv': num_output -5 is not a positive number");
        assertRefused(
                INPUT + "layer { name: \"conv\" type: \"Convolution\" bottom: \"data\" top: \"conv\" "
                        + "convolution_param { num_output: 8 kernel_size: 3 stride: 0 } }",
                "layer 'conv': stride 0 is not a positive number");
        assertRefused(
                INPUT + "layer { name: \"pool\" type: \"Pooling\" bottom: \"data\" top: \"pool\" "
                        + "pooling_param { kernel_size: 2 pad: -1 } }",
                "layer 'pool': pad -1 is negative");
        assertRefused(
                INPUT
                        + "layer { name: \"p\" type: \"Permute\" bottom: \"data\" top: \"p\" permute_param { order: 7 } }",
                "layer 'p': order 7 is outside the input's 4 axes");
        assertRefused(
                INPUT + "layer { name: \"s\" type: \"Slice\" bottom: \"data\" top: \"a\" top: \"b\" "
                        + "slice_param { slice_point: 5 } }",
                "layer 's': slice_point 5 is not between 0 and 3 " + "(the points must increase inside axis 1)");
        assertRefused(
                INPUT + "layer { name: \"e\" type: \"Eltwise\" bottom: \"data\" bottom: \"data\" top: \"e\" "
                        + "eltwise_param { coeff: 1 coeff: nan } }",
                "layer 'e': coeff nan is not a finite number");
    }

    @Test
    void aHugeKernelIsAnErrorNotANegativeTotal() {
        // before: 2,000,000,000 outputs of a 40,000² kernel over 3,000 channels wrapped to a negative multiply-add
        // count
        PrototxtException e = assertThrows(
                PrototxtException.class,
                () -> parse("input: \"data\" input_dim: 1 input_dim: 3000 input_dim: 224 input_dim: 224\n"
                        + "layer { name: \"conv\" type: \"Convolution\" bottom: \"data\" top: \"conv\" "
                        + "convolution_param { num_output: 2000000000 kernel_size: 40000 pad: 1000000000 } }"));
        assertTrue(
                e.getMessage().startsWith("layer 'conv': ")
                        && e.getMessage().endsWith("is too large to count in 64 bits"),
                e.getMessage());
    }

    @Test
    void totalsThatDoNotFitIn64BitsAreAnError() {
        // each layer's 30,000³ × 1,000 = 2.7e16 multiply-adds... × 1,000 layers = 2.7e19 > 9.2e18
        StringBuilder text =
                new StringBuilder("input: \"data\" input_dim: 1 input_dim: 30000 input_dim: 30000 input_dim: 30000\n");
        for (int i = 0; i < 1_000; i++) {
            text.append("layer { name: \"c")
                    .append(i)
                    .append("\" type: \"Convolution\" bottom: \"data\" top: \"c")
                    .append(i)
                    .append("\" convolution_param { num_output: 1000 kernel_size: 1 } }\n");
        }
        PrototxtException e = assertThrows(PrototxtException.class, () -> parse(text.toString()));
        assertTrue(
                e.getMessage().startsWith("the network's ")
                        && e.getMessage().endsWith("are more than 64-bit integers count"),
                e.getMessage());
    }

    @Test
    void aLayerNamedLikeARepeatedOneGetsItsOwnId() throws Exception {
        // before: a, a (→ a#2) and a#2 made two nodes with id a#2: "duplicate node id a#2"
        ArchitectureGraph g = parse("input: \"data\" input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8\n"
                + "layer { name: \"a\" type: \"ReLU\" bottom: \"data\" top: \"x\" }\n"
                + "layer { name: \"a\" type: \"ReLU\" bottom: \"x\" top: \"y\" }\n"
                + "layer { name: \"a#2\" type: \"ReLU\" bottom: \"y\" top: \"z\" }\n");
        assertEquals(
                List.of("data", "a", "a#2", "a#2#2"),
                g.nodes().stream().map(ArchitectureNode::id).toList());
        assertEquals(
                List.of("data", "a", "a", "a#2"),
                g.nodes().stream().map(ArchitectureNode::name).toList());
    }
}
