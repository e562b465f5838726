package io.convscope.engine.compile;

import io.convscope.engine.ModelLoadException;
import io.convscope.engine.runtime.ElementwiseSteps;
import io.convscope.engine.runtime.NormalisationSteps;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;

import java.util.List;
import java.util.Locale;

/** Steps for a graph's vertices that are not layers: element-wise merges, concatenations, scalings. */
final class VertexFactory {

    private VertexFactory() {}

    static void vertex(Dl4jCompiler c, GraphVertex v, String name, List<Integer> from) throws ModelLoadException {
        List<Shape> shapes = from.stream().map(c::shapeOf).toList();
        Shape first = shapes.get(0);
        if (v instanceof ElementWiseVertex ew) {
            combine(c, ew, name, from, shapes);
        } else if (v instanceof MergeVertex) {
            concat(c, name, from, shapes);
        } else if (v instanceof ScaleVertex sv) {
            float factor = (float) sv.getScaleFactor();
            c.readFrom(from.get(0));
            c.putWeights(name, new LayerWeights(1, 1, 1, 1, new float[] {factor}, new float[1]));
            c.add(
                    LayerDescription.elementwise(name, LayerKind.SCALE, first, first, "identity", 0),
                    new ElementwiseSteps.Scale(factor),
                    name);
        } else if (v instanceof L2NormalizeVertex l2 && first.isVector()) {
            c.readFrom(from.get(0));
            c.add(
                    LayerDescription.elementwise(name, LayerKind.L2_NORMALIZE, first, first, "identity", 0),
                    new NormalisationSteps.L2Normalize(l2.getEps()),
                    name);
        } else {
            throw new ModelLoadException("vertex " + name + " is a "
                    + v.getClass().getSimpleName() + ", which ConvScope cannot explain yet");
        }
    }

    private static void combine(
            Dl4jCompiler c, ElementWiseVertex ew, String name, List<Integer> from, List<Shape> shapes)
            throws ModelLoadException {
        Shape first = shapes.get(0);
        for (Shape s : shapes) {
            if (!s.equals(first)) {
                throw new ModelLoadException("vertex " + name + " combines outputs of different shapes " + shapes);
            }
        }
        ElementwiseSteps.Op op =
                switch (ew.getOp()) {
                    case Add -> ElementwiseSteps.Op.ADD;
                    case Subtract -> ElementwiseSteps.Op.SUBTRACT;
                    case Product -> ElementwiseSteps.Op.PRODUCT;
                    case Average -> ElementwiseSteps.Op.AVERAGE;
                    case Max -> ElementwiseSteps.Op.MAX;
                };
        if (op == ElementwiseSteps.Op.SUBTRACT && from.size() != 2) {
            throw new ModelLoadException("vertex " + name + " subtracts " + from.size() + " inputs; DL4J needs 2");
        }
        c.merge(
                LayerDescription.elementwise(
                        name,
                        op == ElementwiseSteps.Op.ADD ? LayerKind.ADD : LayerKind.MERGE,
                        first,
                        first,
                        op.name().toLowerCase(Locale.ROOT),
                        0),
                from,
                new ElementwiseSteps.Combine(op),
                name);
    }

    /** Channels of maps with equal height and width (or vectors) stacked in input order. */
    private static void concat(Dl4jCompiler c, String name, List<Integer> from, List<Shape> shapes)
            throws ModelLoadException {
        Shape first = shapes.get(0);
        int channels = 0;
        for (Shape s : shapes) {
            if (s.height() != first.height() || s.width() != first.width()) {
                throw new ModelLoadException("vertex " + name + " concatenates maps of different sizes " + shapes);
            }
            channels += s.channels();
        }
        Shape out = new Shape(channels, first.height(), first.width());
        c.merge(
                LayerDescription.elementwise(name, LayerKind.CONCAT, first, out, "identity", 0),
                from,
                new ElementwiseSteps.Concatenation(out.size()),
                name);
    }
}
