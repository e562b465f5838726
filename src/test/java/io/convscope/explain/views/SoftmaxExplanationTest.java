package io.convscope.explain.views;

import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.NetworkDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The softmax panel's probability equals the snapshot's, and its text matches CNN Explainer's for espresso_1. */
class SoftmaxExplanationTest {

    private static final double EPS = 1e-5;

    static Stream<ActivationSnapshot> networks() {
        return Stream.of(ReferenceNetwork.tinyVgg(43), ReferenceNetwork.strided(47), espresso());
    }

    /** A ten-class snapshot carrying the logits CNN Explainer computes for espresso_1 (spec §1.6). */
    private static ActivationSnapshot espresso() {
        float[] logits = {-4.281f, 2.966f, -0.386f, 5.246f, -7.566f, -3.433f, 8.640f, 2.635f, 6.303f, 0.683f};
        ActivationSnapshot toy = ReferenceNetwork.tinyVgg(1);
        NetworkDescription base = toy.network();
        List<String> classes = List.of(
                "lifeboat",
                "ladybug",
                "pizza",
                "bell pepper",
                "school bus",
                "koala",
                "espresso",
                "red panda",
                "orange",
                "sport car");
        NetworkDescription network = new NetworkDescription("espresso", classes, base.layers(), base.weights());
        List<LayerActivation> layers = new ArrayList<>();
        for (int i = 0; i < toy.layerCount(); i++) {
            layers.add(toy.layer(i));
        }
        return new ActivationSnapshot(network, layers, logits, ReferenceNetwork.softmax(logits));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void probabilityIsTheSnapshotsForEveryClass(ActivationSnapshot snapshot) {
        int classes = snapshot.network().classes().size();
        for (int k = 0; k < classes; k++) {
            SoftmaxExplanation view = new SoftmaxExplanation(snapshot, k);
            assertEquals(classes, view.classes());
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                assertEquals(snapshot.logit(c), view.logit(c));
                assertEquals(Math.exp(snapshot.logit(c)), view.exponential(c), 1e-12 * view.exponential(c));
                max = Math.max(max, snapshot.logit(c));
                sum += Math.exp(snapshot.logit(c));
            }
            assertEquals(sum, view.exponentialSum(), 1e-12 * sum);
            assertEquals(Math.exp(snapshot.logit(k) - max), view.shiftedExponential(k), 1e-12);
            assertEquals(sum / Math.exp(max), view.shiftedExponentialSum(), 1e-9 * view.shiftedExponentialSum());
            assertEquals(snapshot.probability(k), view.probability(), EPS);
            assertEquals(view.exponential(k) / view.exponentialSum(), view.probability(), EPS);
        }
    }

    @Test
    void panelPrintsTheRawLogitsAndTheProbability() {
        SoftmaxExplanation view = new SoftmaxExplanation(espresso(), 6);
        assertEquals("espresso", view.className());
        assertEquals("exp(8.64)", view.term(6));
        assertEquals("exp(-4.28)", view.term(0));
        assertEquals("exp(-0.39)", view.term(2));
        assertEquals("0.8798", view.probabilityText());
        assertEquals(-7.566f, view.minLogit());
        assertEquals(8.640f, view.maxLogit());
        assertEquals(4, SoftmaxExplanation.TERMS_PER_ROW);
    }
}
