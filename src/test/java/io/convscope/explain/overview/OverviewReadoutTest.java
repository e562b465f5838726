package io.convscope.explain.overview;

import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the status readout says over the overview, with the engine's numbers: no screen needed. */
class OverviewReadoutTest {

    private static final ResourceBundle TEXT = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.ENGLISH);

    private final ActivationSnapshot s = ReferenceNetwork.tinyVgg(9);
    private final List<OverviewColumn> columns = OverviewColumn.of(s.network());
    private final OverviewReadout readout = new OverviewReadout(TEXT, s.network(), columns);

    @Test
    void aPixelAndAConvolutionNeuronReadTheirValueAndBias() {
        float pixel = s.layer(0).value(1, 2, 3);
        assertEquals(
                String.format(Locale.ROOT, "input #1  pixel (2, 3) value %.4f", pixel),
                readout.neuron(new OverviewNeuron(0, 1), new int[] {2, 3}, s));
        int conv = s.network().indexOf("conv_1_1");
        float value = s.layer(conv).value(4, 0, 5);
        float bias = s.network().weights("conv_1_1").bias(4);
        assertEquals(
                String.format(Locale.ROOT, "conv_1_1 #4  (0, 5) activation %.4f  bias %.4f", value, bias),
                readout.neuron(new OverviewNeuron(1, 4), new int[] {0, 5}, s));
        assertEquals(
                String.format(Locale.ROOT, "conv_1_1 #4  bias %.4f", bias),
                readout.neuron(new OverviewNeuron(1, 4), null, s),
                "the keyboard focus points at no cell");
        assertEquals("relu_1_1 #0", readout.neuron(new OverviewNeuron(2, 0), null, s), "no bias outside a convolution");
    }

    @Test
    void anOutputClassReadsItsProbabilityAndLogit() {
        assertEquals(
                String.format(Locale.ROOT, "cat: probability %.4f, logit %.4f", s.probability(2), s.logit(2)),
                readout.output("cat", s, 2));
    }

    @Test
    void anEdgeReadsTheKernelItCarriesRowByRow() {
        LayerWeights w = s.network().weights("conv_1_2");
        StringBuilder k = new StringBuilder("[");
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                k.append(String.format(Locale.ROOT, "%.2f", w.kernel(3, 1)[y][x]))
                        .append(x < 2 ? ", " : y < 2 ? "; " : "]");
            }
        }
        assertEquals("relu_1_1 #1 \u2192 conv_1_2 #3  kernel weights: " + k, readout.kernel(new OverviewEdge(3, 1, 3)));
    }
}
