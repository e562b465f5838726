package io.convscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.explain.dataset.ClassMetrics;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.explain.dataset.LabelledFolders;
import io.convscope.network.ImageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluate --json} prints the explorer's own view model: the same accuracy, ratios, mistakes and losses. */
class EvaluateJsonTest {

    @Test
    void theJsonEqualsTheExplorersViewModel(@TempDir Path dir) throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        Path data = LabelledFolders.generate(dir, model.description().classes().subList(0, 3), 3);

        CliTest.Run run = CliTest.run("evaluate", "--data", data.toString(), "--json", "--top", "4");
        assertEquals(0, run.code(), run.err());
        JsonNode o = new ObjectMapper().readTree(run.out());

        Evaluation e = Evaluation.of(model, data);
        DatasetReport report = new DatasetReport(model.description().classes(), e.confusion(), e.images());
        assertEquals(report.total(), o.get("n").asInt());
        assertEquals(report.accuracy(), o.get("accuracy").asDouble());
        List<ClassMetrics> metrics = report.metrics();
        // noise images: most classes are never predicted, so null precisions are part of what is checked
        assertTrue(metrics.stream().anyMatch(m -> m.precision() == null));
        assertRatios(metrics, o.get("precision"), ClassMetrics::precision);
        assertRatios(metrics, o.get("recall"), ClassMetrics::recall);
        assertRatios(metrics, o.get("f1"), ClassMetrics::f1);
        assertImages(report, report.mistakes(), o.get("mistakes"));
        assertImages(report, report.topLosses(4), o.get("top_losses"));
        assertEquals(4, o.get("top_losses").size());
    }

    private static void assertRatios(List<ClassMetrics> metrics, JsonNode shown, Function<ClassMetrics, Double> f) {
        assertEquals(metrics.size(), shown.size());
        for (int c = 0; c < metrics.size(); c++) {
            Double v = f.apply(metrics.get(c));
            if (v == null) {
                assertTrue(shown.get(c).isNull(), "class " + c + ": " + shown.get(c));
            } else {
                assertEquals(v, shown.get(c).asDouble(), "class " + c);
            }
        }
    }

    private static void assertImages(DatasetReport report, List<ImageOutcome> expected, JsonNode shown) {
        assertEquals(expected.size(), shown.size());
        for (int i = 0; i < expected.size(); i++) {
            ImageOutcome x = expected.get(i);
            JsonNode s = shown.get(i);
            assertEquals(x.path(), s.get("image").asText());
            assertEquals(report.classes().get(x.truth()), s.get("true").asText());
            assertEquals(report.classes().get(x.predicted()), s.get("predicted").asText());
            assertEquals(x.pPredicted(), (float) s.get("p_predicted").asDouble());
            assertEquals(x.pTruth(), (float) s.get("p_true").asDouble());
            assertEquals(x.loss(), (float) s.get("loss").asDouble());
        }
    }
}
