package io.convscope.explain;

import io.convscope.explain.overview.OverviewColumn;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CNN Explainer's view state machine: what each click opens and how Esc unwinds, one level at a time. */
class ExplanationNavigatorTest {

    static final NetworkDescription NETWORK = new NetworkDescription(
            "toy",
            List.of("a", "b"),
            List.of(
                    LayerDescription.elementwise(
                            "input", LayerKind.INPUT, new Shape(3, 8, 8), new Shape(3, 8, 8), "identity", 0),
                    LayerDescription.elementwise(
                            "conv", LayerKind.CONVOLUTION, new Shape(3, 8, 8), new Shape(2, 6, 6), "identity", 56),
                    LayerDescription.elementwise(
                            "relu", LayerKind.ACTIVATION, new Shape(2, 6, 6), new Shape(2, 6, 6), "relu", 0),
                    LayerDescription.elementwise(
                            "pool", LayerKind.MAX_POOL, new Shape(2, 6, 6), new Shape(2, 3, 3), "identity", 0),
                    LayerDescription.elementwise(
                            "flatten", LayerKind.FLATTEN, new Shape(2, 3, 3), Shape.vector(18), "identity", 0),
                    LayerDescription.elementwise(
                            "output", LayerKind.OUTPUT, Shape.vector(18), Shape.vector(2), "softmax", 38)),
            Map.of());

    @Test
    void convolutionViewThenFormulaThenBackOneLevelAtATime() {
        ExplanationNavigator nav = new ExplanationNavigator(NETWORK);
        assertTrue(nav.state().controlsEnabled());
        assertEquals(new ExplanationState.Convolution(1, 1), nav.choose(1, 1));
        assertFalse(nav.state().controlsEnabled(), "other controls are disabled while a view is open");
        assertEquals(new ExplanationState.ConvolutionFormula(1, 1, 2), nav.chooseChannel(2));
        assertEquals(new ExplanationState.ConvolutionFormula(1, 1, 0), nav.chooseChannel(0));
        assertEquals(
                new ExplanationState.Convolution(1, 1),
                nav.chooseChannel(0),
                "the same channel again closes the panel");
        nav.chooseChannel(1);
        assertEquals(new ExplanationState.Convolution(1, 1), nav.back());
        assertEquals(ExplanationState.OVERVIEW, nav.back());
        assertEquals(ExplanationState.OVERVIEW, nav.back(), "back from the overview stays there");
    }

    @Test
    void eachLayerKindOpensItsView() {
        ExplanationNavigator nav = new ExplanationNavigator(NETWORK);
        assertEquals(new ExplanationState.Activation(2, 0), nav.choose(2, 0));
        assertEquals(
                new ExplanationState.Activation(2, 1),
                nav.choose(2, 1),
                "another neuron of the column switches the pair");
        assertEquals(ExplanationState.OVERVIEW, nav.choose(2, 1), "the same neuron again closes the view");
        assertEquals(new ExplanationState.Pooling(3, 1), nav.choose(3, 1));
        nav.back();
        assertEquals(ExplanationState.OVERVIEW, nav.choose(0, 2), "input neurons have no explanation");
        assertEquals(new ExplanationState.Flatten(5, 1), nav.choose(5, 1));
    }

    @Test
    void softmaxOverFlatten() {
        ExplanationNavigator nav = new ExplanationNavigator(NETWORK);
        nav.choose(5, 0);
        assertEquals(new ExplanationState.Softmax(5, 0), nav.chooseSoftmax());
        assertEquals(new ExplanationState.Flatten(5, 0), nav.chooseSoftmax(), "the softmax box again closes it");
        nav.chooseSoftmax();
        assertEquals(new ExplanationState.Flatten(5, 0), nav.back());
        assertEquals(ExplanationState.OVERVIEW, nav.back());
    }

    /** VGG's shape: flatten, two hidden dense layers, then the classes read a dense layer, not flattened maps. */
    static final NetworkDescription DENSE_HEAD = new NetworkDescription(
            "vgg-like",
            List.of("a", "b", "c"),
            List.of(
                    LayerDescription.elementwise(
                            "input", LayerKind.INPUT, new Shape(3, 4, 4), new Shape(3, 4, 4), "identity", 0),
                    LayerDescription.elementwise(
                            "conv", LayerKind.CONVOLUTION, new Shape(3, 4, 4), new Shape(2, 2, 2), "relu", 56),
                    LayerDescription.elementwise(
                            "flatten", LayerKind.FLATTEN, new Shape(2, 2, 2), Shape.vector(8), "identity", 0),
                    LayerDescription.elementwise("fc6", LayerKind.DENSE, Shape.vector(8), Shape.vector(5), "relu", 45),
                    LayerDescription.elementwise("fc7", LayerKind.DENSE, Shape.vector(5), Shape.vector(5), "relu", 30),
                    LayerDescription.elementwise(
                            "fc8", LayerKind.OUTPUT, Shape.vector(5), Shape.vector(3), "softmax", 18)),
            Map.of());

    @Test
    void aDenseHeadShowsItsHiddenLayersAndOpensSoftmaxAlone() {
        List<OverviewColumn> columns = OverviewColumn.of(DENSE_HEAD);
        assertEquals(
                List.of(
                        OverviewColumn.Kind.INPUT,
                        OverviewColumn.Kind.CONVOLUTION,
                        OverviewColumn.Kind.DENSE,
                        OverviewColumn.Kind.DENSE,
                        OverviewColumn.Kind.OUTPUT),
                columns.stream().map(OverviewColumn::kind).toList());
        assertEquals(5, columns.get(2).neurons());
        assertTrue(columns.get(2).fullyConnected());
        ExplanationNavigator nav = new ExplanationNavigator(DENSE_HEAD);
        assertEquals(ExplanationState.OVERVIEW, nav.choose(3, 1), "a hidden dense unit has no class to explain");
        assertEquals(new ExplanationState.OutputSoftmax(5, 2), nav.choose(5, 2));
        assertEquals(ExplanationState.OVERVIEW, nav.back());
    }
}
