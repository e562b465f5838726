package io.convscope.explain.views;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.PresetModels;
import io.convscope.explain.ExplanationNavigator;
import io.convscope.explain.ExplanationState;
import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;
import io.convscope.explain.article.Article;
import io.convscope.explain.article.ArticleFacts;
import io.convscope.explain.overview.OverviewColumn;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.OutputMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The views' arithmetic for YOLOv2 (random weights, 64 x 64: a 2 x 2 grid of 5 anchors x 85 numbers), whose output
 * is a detection grid: every cell of the space-to-depth passthrough and of each kind of grid channel is recomputed
 * from its input, the decoded boxes from the grid, and the overview has no class column.
 */
class MapOutputExplanationTest {

    static ActivationSnapshot snapshot;
    static NetworkDescription network;
    static int grid;

    @BeforeAll
    static void run() throws Exception {
        LoadedModel m = PresetModels.load(
                ArchitecturePresets.find("yolo2").orElseThrow(),
                "YOLOv2",
                new int[] {3, 64, 64},
                PresetModels.Progress.NONE);
        network = m.description();
        float[] x = new float[network.inputShape().size()];
        Random rng = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        snapshot = m.compiled().forward(x);
        grid = network.layers().size() - 1;
    }

    @Test
    void spaceToDepthCopiesOneCellOfEachBlock() {
        int layer = network.firstIndex(l -> l.kind() == LayerKind.SPACE_TO_DEPTH);
        int inChannels = network.layer(layer).inputShape().channels();
        LayerActivation in = snapshot.layer(network.inputOf(layer));
        LayerActivation out = snapshot.layer(layer);
        for (int channel : new int[] {0, inChannels + 5, 2 * inChannels + 7, 4 * inChannels - 1}) {
            var e = new ElementwiseExplanation(snapshot, layer, channel);
            int block = channel / inChannels;
            assertEquals(channel % inChannels, e.sources().get(0).channel(), "the input channel it copies");
            for (int p = 0; p < e.positions(); p++) {
                GridPosition cell = e.position(p);
                GridPosition read = e.inputCell(0, cell.y(), cell.x());
                assertEquals(new GridPosition(cell.y() * 2 + block / 2, cell.x() * 2 + block % 2), read);
                float value = in.value(channel % inChannels, read.y(), read.x());
                assertEquals(value, out.value(channel, cell.y(), cell.x()), 0f, "a copy, nothing computed");
                var step = e.step(cell.y(), cell.x());
                assertEquals(Formulas.twoDecimals(value) + " = " + Formulas.twoDecimals(value), step.formula());
            }
        }
        var overview = OverviewColumn.of(network).stream()
                .filter(c -> c.layerIndex() == layer)
                .findFirst()
                .orElseThrow();
        assertTrue(overview.reads(overview.inputs().get(0), 5, inChannels + 5));
        assertFalse(overview.reads(overview.inputs().get(0), 5, 5 + 1));
    }

    @Test
    void everyKindOfGridChannelIsRecomputedFromItsScores() {
        LayerActivation t = snapshot.layer(network.inputOf(grid));
        LayerActivation out = snapshot.layer(grid);
        float[] anchors = new float[10];
        var w = network.weights(network.layer(grid).name());
        for (int b = 0; b < 5; b++) {
            anchors[2 * b] = w.weight(b, 0, 0, 0);
            anchors[2 * b + 1] = w.weight(b, 0, 0, 1);
        }
        assertEquals(0.57273f, anchors[0], 1e-5f, "YOLOv2's first COCO anchor width, in cells");
        int anchor = 3;
        for (int part = 0; part < 85; part += part < 6 ? 1 : 39) {
            int channel = anchor * 85 + part;
            var e = new ElementwiseExplanation(snapshot, grid, channel);
            assertEquals(anchor, e.anchor());
            for (int p = 0; p < e.positions(); p++) {
                GridPosition c = e.position(p);
                double x = t.value(channel, c.y(), c.x());
                double expected;
                String formula;
                if (part == 2 || part == 3) {
                    expected = anchors[2 * anchor + part - 2] * Math.exp(x);
                    formula = Formulas.twoDecimals(anchors[2 * anchor + part - 2]) + " × exp(";
                } else if (part < 5) {
                    expected = 1 / (1 + Math.exp(-x));
                    formula = "σ(";
                } else {
                    double sum = 0;
                    for (int k = 0; k < 80; k++) {
                        sum += Math.exp(t.value(anchor * 85 + 5 + k, c.y(), c.x()));
                    }
                    expected = Math.exp(x) / sum;
                    formula = "exp(";
                    assertEquals(sum, e.softmaxDivisor(c.y(), c.x()), 1e-9 * sum);
                    assertEquals(part - 5, e.detectionClass());
                }
                assertEquals(
                        expected,
                        out.value(channel, c.y(), c.x()),
                        1e-5 * Math.max(1, expected),
                        e.detectionPart() + " at " + c);
                String f = e.step(c.y(), c.x()).formula();
                assertTrue(f.startsWith(formula + Formulas.twoDecimals(x) + ")"), f);
                assertTrue(f.endsWith(" = " + Formulas.twoDecimals(out.value(channel, c.y(), c.x()))), f);
            }
            assertEquals(
                    part < 5
                            ? ElementwiseExplanation.DetectionPart.values()[part]
                            : ElementwiseExplanation.DetectionPart.CLASS,
                    e.detectionPart());
        }
    }

    @Test
    void boxesAreDecodedFromTheGridMostConfidentFirst() {
        List<OutputMap.Detection> boxes = OutputMap.detections(snapshot);
        assertEquals(5 * 2 * 2, boxes.size(), "every anchor of every cell");
        for (int i = 1; i < boxes.size(); i++) {
            assertTrue(boxes.get(i - 1).score() >= boxes.get(i).score());
        }
        LayerActivation out = snapshot.layer(grid);
        for (OutputMap.Detection d : boxes) {
            int base = d.anchor() * 85;
            assertEquals((d.column() + out.value(base, d.row(), d.column())) / 2, d.centreX(), 1e-6f);
            assertEquals((d.row() + out.value(base + 1, d.row(), d.column())) / 2, d.centreY(), 1e-6f);
            assertEquals(out.value(base + 2, d.row(), d.column()) / 2, d.width(), 1e-6f);
            assertEquals(out.value(base + 3, d.row(), d.column()) / 2, d.height(), 1e-6f);
            assertEquals(out.value(base + 4, d.row(), d.column()), d.objectness());
            float best = 0;
            for (int k = 0; k < 80; k++) {
                best = Math.max(best, out.value(base + 5 + k, d.row(), d.column()));
            }
            assertEquals(best, d.classProbability());
            assertEquals(best, out.value(base + 5 + d.classIndex(), d.row(), d.column()));
        }
        assertThrows(IllegalArgumentException.class, () -> OutputMap.maskCoverage(snapshot));
    }

    @Test
    void theOverviewEndsInTheGridAndItsNeuronsOpenTheElementwisePanel() {
        assertFalse(network.predictsClasses());
        assertThrows(IllegalStateException.class, snapshot::topClass);
        var columns = OverviewColumn.of(network);
        assertTrue(columns.stream().noneMatch(c -> c.kind() == OverviewColumn.Kind.OUTPUT));
        assertEquals(grid, columns.get(columns.size() - 1).layerIndex());
        var navigator = new ExplanationNavigator(network);
        assertEquals(new ExplanationState.Activation(grid, 7), navigator.choose(grid, 7));
        assertEquals(Article.MAP_OUTPUTS, Article.sectionFor(LayerKind.DETECTION));
        var facts = ArticleFacts.of(network, snapshot, Locale.ENGLISH);
        assertEquals(ArticleFacts.NONE, facts.get("top.class"), "no class to name");
    }
}
