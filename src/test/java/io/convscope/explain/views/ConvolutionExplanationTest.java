package io.convscope.explain.views;

import io.convscope.explain.GridPosition;
import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The convolution view's numbers against a reference forward pass, on Tiny VGG's shape and on strided, padded layers. */
class ConvolutionExplanationTest {

    private static final double EPS = 1e-5;

    static Stream<ActivationSnapshot> networks() {
        return Stream.of(ReferenceNetwork.tinyVgg(7), ReferenceNetwork.strided(11));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void intermediatesPlusBiasAddUpToEveryNeuronsActivation(ActivationSnapshot snapshot) {
        for (int layer : ReferenceNetwork.layersOf(snapshot, LayerKind.CONVOLUTION)) {
            LayerActivation out = snapshot.layer(layer);
            for (int o = 0; o < out.shape().channels(); o++) {
                ConvolutionExplanation view = new ConvolutionExplanation(snapshot, layer, o);
                float[][] sum = view.sumOfIntermediatesPlusBias();
                float[][] activation = view.activation();
                for (int y = 0; y < out.shape().height(); y++) {
                    for (int x = 0; x < out.shape().width(); x++) {
                        assertEquals(out.value(o, y, x), sum[y][x], EPS);
                        assertEquals(out.value(o, y, x), activation[y][x]);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("networks")
    void eachIntermediateCorrelatesOneInputChannelWithItsKernel(ActivationSnapshot snapshot) {
        for (int layer : ReferenceNetwork.layersOf(snapshot, LayerKind.CONVOLUTION)) {
            LayerDescription d = snapshot.network().layer(layer);
            LayerWeights w = snapshot.network().weights(d.name());
            for (int o = 0; o < w.outputs(); o++) {
                ConvolutionExplanation view = new ConvolutionExplanation(snapshot, layer, o);
                assertEquals(w.inputs(), view.inputChannels());
                assertEquals(w.bias(o), view.bias());
                for (int c = 0; c < w.inputs(); c++) {
                    assertArrayEquals(w.kernel(o, c), view.kernel(c));
                    assertArrayEquals(snapshot.layer(layer - 1).channel(c), view.input(c));
                    float[][] intermediate = view.intermediate(c);
                    for (int y = 0; y < d.outputShape().height(); y++) {
                        for (int x = 0; x < d.outputShape().width(); x++) {
                            assertEquals(singleChannel(snapshot, layer, o, c, y, x), intermediate[y][x], EPS);
                        }
                    }
                }
            }
        }
    }

    /** in[c] ⋆ w[o][c] at (y, x), zero outside the input, no bias. */
    private static double singleChannel(ActivationSnapshot snapshot, int layer, int o, int c, int y, int x) {
        LayerDescription d = snapshot.network().layer(layer);
        LayerWeights w = snapshot.network().weights(d.name());
        LayerActivation in = snapshot.layer(layer - 1);
        double sum = 0;
        for (int ky = 0; ky < d.kernel().height(); ky++) {
            for (int kx = 0; kx < d.kernel().width(); kx++) {
                int iy = y * d.stride().height() + ky - d.padding().top();
                int ix = x * d.stride().width() + kx - d.padding().left();
                if (iy >= 0
                        && iy < in.shape().height()
                        && ix >= 0
                        && ix < in.shape().width()) {
                    sum += (double) in.value(c, iy, ix) * w.weight(o, c, ky, kx);
                }
            }
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyFormulaStepShowsItsWindowAndSumsToItsIntermediateCell(ActivationSnapshot snapshot) {
        for (int layer : ReferenceNetwork.layersOf(snapshot, LayerKind.CONVOLUTION)) {
            LayerDescription d = snapshot.network().layer(layer);
            LayerActivation in = snapshot.layer(layer - 1);
            LayerWeights w = snapshot.network().weights(d.name());
            for (int o = 0; o < w.outputs(); o++) {
                ConvolutionExplanation view = new ConvolutionExplanation(snapshot, layer, o);
                for (int c = 0; c < w.inputs(); c++) {
                    float[][] intermediate = view.intermediate(c);
                    for (int i = 0; i < view.positions(); i++) {
                        GridPosition cell = view.position(i);
                        FormulaStep step = view.step(c, cell.y(), cell.x());
                        assertEquals(c, step.channel());
                        assertEquals(cell, step.output());
                        GridPosition origin = new GridPosition(
                                cell.y() * d.stride().height() - d.padding().top(),
                                cell.x() * d.stride().width() - d.padding().left());
                        assertEquals(origin, step.windowOrigin());
                        float[][] inputs = step.inputs();
                        float[][] products = step.products();
                        assertArrayEquals(w.kernel(o, c), step.weights());
                        for (int ky = 0; ky < d.kernel().height(); ky++) {
                            for (int kx = 0; kx < d.kernel().width(); kx++) {
                                int iy = origin.y() + ky;
                                int ix = origin.x() + kx;
                                boolean inside = iy >= 0
                                        && iy < in.shape().height()
                                        && ix >= 0
                                        && ix < in.shape().width();
                                assertEquals(inside ? in.value(c, iy, ix) : 0f, inputs[ky][kx]);
                                assertEquals(inputs[ky][kx] * w.weight(o, c, ky, kx), products[ky][kx], EPS);
                            }
                        }
                        assertEquals(intermediate[cell.y()][cell.x()], step.sum(), EPS);
                    }
                }
            }
        }
    }

    @Test
    void positionsWalkTheOutputRowByRow() {
        ActivationSnapshot snapshot = ReferenceNetwork.strided(3);
        int conv = ReferenceNetwork.layersOf(snapshot, LayerKind.CONVOLUTION).get(1);
        ConvolutionExplanation view = new ConvolutionExplanation(snapshot, conv, 0);
        assertEquals(5 * 2, view.positions());
        assertEquals(new GridPosition(0, 0), view.position(0));
        assertEquals(new GridPosition(0, 1), view.position(1));
        assertEquals(new GridPosition(1, 0), view.position(2));
        assertEquals(new GridPosition(4, 1), view.position(9));
        assertThrows(IndexOutOfBoundsException.class, () -> view.position(10));
    }

    @Test
    void hoveringAnInputCellSelectsTheLastWindowStartingAtOrBeforeIt() {
        ActivationSnapshot tiny = ReferenceNetwork.tinyVgg(5);
        ConvolutionExplanation stride1 = new ConvolutionExplanation(tiny, 1, 0);
        assertEquals(new GridPosition(3, 7), stride1.outputCellFor(3, 7));
        assertEquals(new GridPosition(9, 9), stride1.outputCellFor(11, 10), "clamped to the 10×10 output");

        // 5×5 kernel, stride 2, padding 1 on 17×17: window (y, x) starts at input (2y − 1, 2x − 1).
        ActivationSnapshot strided = ReferenceNetwork.strided(5);
        ConvolutionExplanation padded = new ConvolutionExplanation(strided, 1, 0);
        assertEquals(new GridPosition(0, 0), padded.outputCellFor(0, 0));
        assertEquals(new GridPosition(1, 2), padded.outputCellFor(1, 4));
        assertEquals(new GridPosition(7, 7), padded.outputCellFor(16, 16));
    }

    @Test
    void arithmeticPrintsEveryTermInKernelOrderAndTheSum() {
        // One 3×3 input channel, one 2×2 kernel, padding 1 so the first window hangs over the top-left corner.
        ActivationSnapshot snapshot = ReferenceNetwork.input(
                        new Shape(1, 3, 3), 0.5f, -0.25f, 1f, 0f, 2f, 0.3f, 0.7f, 0.1f, -1f)
                .convolution(
                        "conv",
                        new LayerWeights(1, 1, 2, 2, new float[] {1f, 0.2f, -0.1f, 2f}, new float[] {0.5f}),
                        new Window(1, 1),
                        new Padding(1, 1, 1, 1))
                .flatten()
                .output("output", 2);
        ConvolutionExplanation view = new ConvolutionExplanation(snapshot, 1, 0);

        FormulaStep inner = view.step(0, 1, 1);
        assertEquals(new GridPosition(0, 0), inner.windowOrigin());
        assertEquals("0.50 × 1.00 + -0.25 × 0.20 + 0.00 × -0.10 + 2.00 × 2.00 = 4.45", inner.arithmetic());

        FormulaStep corner = view.step(0, 0, 0);
        assertEquals(new GridPosition(-1, -1), corner.windowOrigin());
        assertArrayEquals(new float[][] {{0f, 0f}, {0f, 0.5f}}, corner.inputs());
        assertEquals("0.00 × 1.00 + 0.00 × 0.20 + 0.00 × -0.10 + 0.50 × 2.00 = 1.00", corner.arithmetic());
        assertEquals(1.5f, view.activation()[0][0], EPS);
    }

    @Test
    void kernelRangesSpanTwiceTheLargestWeight() {
        LayerWeights w = new LayerWeights(1, 2, 1, 2, new float[] {0.25f, -0.6004f, 0.1f, -0.3f}, new float[] {0f});
        ActivationSnapshot snapshot = ReferenceNetwork.input(new Shape(2, 2, 2), new float[8])
                .convolution("conv", w, new Window(1, 1), Padding.NONE)
                .flatten()
                .output("output", 2);
        ConvolutionExplanation view = new ConvolutionExplanation(snapshot, 1, 0);
        assertEquals(1.201, view.kernelRange(), 1e-12, "2 × 0.6004, rounded to 3 decimals");
        assertEquals(0.6, view.kernelRange(1), 1e-6);
    }

    @Test
    void refusesLayersThatAreNotConvolutions() {
        ActivationSnapshot snapshot = ReferenceNetwork.tinyVgg(1);
        assertThrows(IllegalArgumentException.class, () -> new ConvolutionExplanation(snapshot, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new ConvolutionExplanation(snapshot, 1, 5));
    }

    /** Arrays handed out are copies: a view cannot corrupt the explanation. */
    @Test
    void arraysAreCopies() {
        ConvolutionExplanation view = new ConvolutionExplanation(ReferenceNetwork.tinyVgg(2), 1, 0);
        float intermediate = view.intermediate(0)[0][0];
        float weight = view.kernel(0)[0][0];
        view.intermediate(0)[0][0] = 1e9f;
        view.kernel(0)[0][0] = 1e9f;
        assertEquals(intermediate, view.intermediate(0)[0][0]);
        assertEquals(weight, view.kernel(0)[0][0]);
        assertEquals(weight, view.step(0, 0, 0).weights()[0][0]);
    }
}
