package io.convscope.explain.views;

import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The flatten view's vector, weights and products add up to the snapshot's logits. */
class FlattenExplanationTest {

    private static final double EPS = 1e-5;

    static Stream<ActivationSnapshot> networks() {
        return Stream.of(ReferenceNetwork.tinyVgg(31), ReferenceNetwork.strided(37));
    }

    private static int outputLayer(ActivationSnapshot snapshot) {
        return snapshot.layerCount() - 1;
    }

    @ParameterizedTest
    @MethodSource("networks")
    void productsPlusBiasAreTheClassLogit(ActivationSnapshot snapshot) {
        int output = outputLayer(snapshot);
        LayerWeights w = snapshot.network().weights("output");
        for (int k = 0; k < snapshot.network().classes().size(); k++) {
            FlattenExplanation view = new FlattenExplanation(snapshot, output, k);
            float[] vector = view.vector();
            float[] weights = view.weights();
            float[] products = view.products();
            double sum = 0;
            for (int i = 0; i < vector.length; i++) {
                assertEquals(w.weight(k, i), weights[i]);
                assertEquals(vector[i] * weights[i], products[i], EPS);
                sum += products[i];
            }
            assertEquals(w.bias(k), view.bias());
            assertEquals(snapshot.logit(k), sum + view.bias(), EPS);
            assertEquals(snapshot.logit(k), view.logit(), EPS);
            assertEquals(snapshot.probability(k), view.probability());
        }
    }

    @ParameterizedTest
    @MethodSource("networks")
    void vectorIsTheLastMapLayerInChannelMajorOrder(ActivationSnapshot snapshot) {
        FlattenExplanation view = new FlattenExplanation(snapshot, outputLayer(snapshot), 0);
        assertEquals(outputLayer(snapshot) - 2, view.sourceLayer());
        LayerActivation maps = snapshot.layer(view.sourceLayer());
        assertEquals(maps.shape(), view.sourceShape());
        int h = maps.shape().height();
        int w = maps.shape().width();
        float[] vector = view.vector();
        assertEquals(maps.size(), vector.length);
        for (int c = 0; c < maps.shape().channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int index = c * h * w + y * w + x;
                    assertEquals(maps.value(c, y, x), vector[index]);
                    assertEquals(new FlattenExplanation.Origin(c, y, x), view.origin(index));
                }
            }
        }
    }

    @Test
    void tinyVggShapedToyFlattensFiveFourByFourMaps() {
        FlattenExplanation view = new FlattenExplanation(ReferenceNetwork.tinyVgg(3), 7, 2);
        assertEquals(5 * 4 * 4, view.vector().length);
        assertEquals(
                LayerKind.MAX_POOL,
                ReferenceNetwork.tinyVgg(3).network().layer(view.sourceLayer()).kind());
    }

    @Test
    void weightRangeSpansTheExpandedChannelsWeights() {
        ActivationSnapshot snapshot = ReferenceNetwork.tinyVgg(41);
        FlattenExplanation view = new FlattenExplanation(snapshot, 7, 1);
        assertArrayEquals(new int[] {0, 4}, view.expandedChannels());
        LayerWeights w = snapshot.network().weights("output");
        double max = 0;
        for (int i = 0; i < 16; i++) {
            max = Math.max(max, Math.max(Math.abs(w.weight(1, i)), Math.abs(w.weight(1, 4 * 16 + i))));
        }
        assertEquals(2 * max, view.weightRange(), 1e-12);
    }

    @Test
    void refusesLayersThatAreNotTheOutputAfterFlatten() {
        ActivationSnapshot snapshot = ReferenceNetwork.tinyVgg(1);
        assertThrows(IllegalArgumentException.class, () -> new FlattenExplanation(snapshot, 6, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new FlattenExplanation(snapshot, 7, 4));
    }
}
