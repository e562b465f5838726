package io.convscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.explain.dataset.ClassMetrics;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.network.ImageOutcome;

import java.util.List;
import java.util.function.Function;

/**
 * {@code evaluate --json}: the explorer's {@link DatasetReport} written out, so the command line prints exactly the
 * figures the app shows. An undefined ratio (a class never predicted has no precision) is {@code null}.
 */
final class EvaluationJson {

    private EvaluationJson() {}

    static ObjectNode of(ObjectMapper mapper, DatasetReport report, String splitFile, int topLosses) {
        ObjectNode o = mapper.createObjectNode();
        if (splitFile != null) {
            o.put("split", splitFile);
        }
        o.put("n", report.total());
        o.put("correct", report.correct());
        o.put("accuracy", report.accuracy());
        ArrayNode c = o.putArray("classes");
        report.classes().forEach(c::add);
        ArrayNode m = o.putArray("confusion");
        for (int[] row : report.confusion()) {
            ArrayNode r = m.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        List<ClassMetrics> metrics = report.metrics();
        ratios(o.putArray("precision"), metrics, ClassMetrics::precision);
        ratios(o.putArray("recall"), metrics, ClassMetrics::recall);
        ratios(o.putArray("f1"), metrics, ClassMetrics::f1);
        images(o.putArray("mistakes"), report, report.mistakes());
        images(o.putArray("top_losses"), report, report.topLosses(topLosses));
        return o;
    }

    private static void ratios(ArrayNode into, List<ClassMetrics> metrics, Function<ClassMetrics, Double> ratio) {
        for (ClassMetrics m : metrics) {
            Double v = ratio.apply(m);
            if (v == null) {
                into.addNull();
            } else {
                into.add(v);
            }
        }
    }

    private static void images(ArrayNode into, DatasetReport report, List<ImageOutcome> outcomes) {
        for (ImageOutcome i : outcomes) {
            ObjectNode n = into.addObject();
            n.put("image", i.path());
            n.put("true", report.classes().get(i.truth()));
            n.put("predicted", report.classes().get(i.predicted()));
            n.put("p_predicted", i.pPredicted());
            n.put("p_true", i.pTruth());
            n.put("loss", i.loss());
        }
    }
}
