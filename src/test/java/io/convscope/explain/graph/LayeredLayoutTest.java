package io.convscope.explain.graph;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.SharedData;
import io.convscope.network.caffe.CaffeImporter;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layered layout on real branching networks: geometry invariants, collapsing, and bounded work. */
class LayeredLayoutTest {

    static final NodeLabels LABELS = new NodeLabels("%d layers");
    static final Map<String, ArchitectureGraph> GRAPHS = new HashMap<>();

    @BeforeAll
    static void build() {
        for (String id : List.of("resnet50", "inception-resnet-v1", "squeezenet", "tiny-vgg", "xception")) {
            GRAPHS.put(id, ArchitecturePresets.find(id).orElseThrow().graph());
        }
    }

    static ArchitectureGraph graph(String id) throws Exception {
        if (id.equals("googlenet")) {
            return CaffeImporter.read(SharedData.netscopePresets().resolve("googlenet.prototxt"));
        }
        return GRAPHS.get(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet50", "inception-resnet-v1", "squeezenet", "tiny-vgg", "xception", "googlenet"})
    void boxesNeverOverlapAndEveryEdgeRunsDownward(String id) throws Exception {
        ArchitectureGraph g = graph(id);
        assertLayoutValid(
                LayeredLayout.of(VisibleGraph.expanded(g), LABELS, LayoutMetrics.DEFAULT),
                g.nodes().size());
        VisibleGraph collapsed = VisibleGraph.of(g, Set.copyOf(VisibleGraph.collapsibleBlocks(g)));
        assertLayoutValid(
                LayeredLayout.of(collapsed, LABELS, LayoutMetrics.DEFAULT),
                collapsed.nodes().size());
    }

    static void assertLayoutValid(GraphLayout layout, int expectedBoxes) {
        List<GraphLayout.Box> boxes = layout.nodes();
        assertEquals(expectedBoxes, boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            GraphLayout.Box a = boxes.get(i);
            assertTrue(
                    a.x() >= 0
                            && a.y() >= 0
                            && a.x() + a.width() <= layout.width() + 1e-6
                            && a.bottom() <= layout.height() + 1e-6,
                    "inside the drawing: " + a);
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() + 1e-6
                        || b.x() + b.width() <= a.x() + 1e-6
                        || a.bottom() <= b.y() + 1e-6
                        || b.bottom() <= a.y() + 1e-6;
                assertTrue(apart, a.node().id() + " overlaps " + b.node().id());
            }
        }
        Map<String, GraphLayout.Box> byId = layout.boxesById();
        for (GraphLayout.Route r : layout.edges()) {
            GraphLayout.Box from = byId.get(r.edge().from());
            GraphLayout.Box to = byId.get(r.edge().to());
            assertTrue(
                    from.rank() < to.rank(),
                    "rank of " + from.node().id() + " before " + to.node().id());
            assertEquals(from.centerX(), r.xs()[0], 1e-6);
            assertEquals(from.bottom(), r.ys()[0], 1e-6);
            assertEquals(to.centerX(), r.xs()[r.xs().length - 1], 1e-6);
            assertEquals(to.y(), r.ys()[r.ys().length - 1], 1e-6);
            for (int k = 1; k < r.ys().length; k++) {
                assertTrue(r.ys()[k] > r.ys()[k - 1], "edge " + r.edge() + " goes down at every point");
            }
        }
    }

    @Test
    void ranksRespectEveryDependencyOfTheArchitecture() {
        ArchitectureGraph g = GRAPHS.get("inception-resnet-v1");
        GraphLayout layout = LayeredLayout.of(VisibleGraph.expanded(g), LABELS, LayoutMetrics.DEFAULT);
        Map<String, GraphLayout.Box> byId = layout.boxesById();
        for (ArchitectureNode n : g.nodes()) {
            for (String input : n.inputIds()) {
                assertTrue(byId.get(input).rank() < byId.get(n.id()).rank(), input + " above " + n.id());
            }
        }
        // longest-path layering: the output is as deep as the longest chain of layers
        assertEquals(layout.ranks() - 1, byId.get("outputLayer").rank());
    }

    @Test
    void aPlainChainIsOneStraightColumn() {
        GraphLayout layout =
                LayeredLayout.of(VisibleGraph.expanded(GRAPHS.get("tiny-vgg")), LABELS, LayoutMetrics.DEFAULT);
        Set<Double> centres = layout.nodes().stream()
                .map(b -> Math.round(b.centerX() * 1000) / 1000.0)
                .collect(Collectors.toSet());
        assertEquals(1, centres.size(), "all boxes share one centre line: " + centres);
        assertEquals(layout.nodes().size(), layout.ranks());
    }

    @Test
    void collapsingAResNetBlockReplacesItsLayersByOneNodeWithTheSameNeighbours() {
        ArchitectureGraph g = GRAPHS.get("resnet50");
        assertTrue(VisibleGraph.collapsibleBlocks(g).contains("res3a"));
        VisibleGraph v = VisibleGraph.of(g, Set.of("res3a"));
        Set<String> members = g.nodes().stream()
                .filter(n -> n.block().equals("res3a"))
                .map(ArchitectureNode::id)
                .collect(Collectors.toSet());
        assertEquals(12, members.size());
        String block = VisibleGraph.BLOCK_ID_PREFIX + "res3a";
        assertEquals(g.nodes().size() - members.size() + 1, v.nodes().size());
        assertTrue(v.nodes().stream().noneMatch(n -> members.contains(n.id())));
        VisibleGraph.Node node = v.node(block);
        assertTrue(node.collapsedBlock());
        assertEquals(members, node.members().stream().map(ArchitectureNode::id).collect(Collectors.toSet()));
        // expected: every edge crossing the block boundary, re-routed to the block node
        Set<List<String>> expectedIn = new HashSet<>();
        Set<List<String>> expectedOut = new HashSet<>();
        g.edges().forEach(e -> {
            if (!members.contains(e.from()) && members.contains(e.to())) {
                expectedIn.add(List.of(e.from(), block));
            } else if (members.contains(e.from()) && !members.contains(e.to())) {
                expectedOut.add(List.of(block, e.to()));
            }
        });
        Set<List<String>> in = new HashSet<>();
        Set<List<String>> out = new HashSet<>();
        v.edges().forEach(e -> {
            if (e.to().equals(block)) {
                in.add(List.of(e.from(), e.to()));
            }
            if (e.from().equals(block)) {
                out.add(List.of(e.from(), e.to()));
            }
        });
        assertEquals(expectedIn, in);
        assertEquals(expectedOut, out);
        String previousStageOutput = g.nodes().stream()
                .filter(n -> n.block().equals("res2c"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .id();
        assertEquals(
                Set.of(List.of(previousStageOutput, block)), in, "the block reads the previous stage's output only");
        assertEquals(
                g.nodes().stream()
                        .filter(n -> n.block().equals("res3a"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .outputShape(),
                node.outputShape());
        assertEquals(
                members.stream().mapToLong(id -> g.node(id).params()).sum(),
                node.trainableParams() + node.nonTrainableParams());
        GraphLayout layout = LayeredLayout.of(v, LABELS, LayoutMetrics.DEFAULT);
        assertLayoutValid(layout, v.nodes().size());
        // expanding again gives back every layer
        assertEquals(g.nodes().size(), VisibleGraph.of(g, Set.of()).nodes().size());
    }

    @Test
    void blocksWhoseCollapseWouldCreateACycleAreNotCollapsible() {
        ArchitectureGraph g = GRAPHS.get("squeezenet");
        List<String> blocks = VisibleGraph.collapsibleBlocks(g);
        assertTrue(blocks.containsAll(List.of("fire2", "fire9")), blocks.toString());
        assertFalse(blocks.contains(""), "the empty block is no block");
        for (String b : blocks) {
            assertEquals(
                    1,
                    VisibleGraph.of(g, Set.of(b)).nodes().stream()
                            .filter(VisibleGraph.Node::collapsedBlock)
                            .count());
        }
    }

    /**
     * The layout's cost, counted instead of timed: (V + D) vertices moved per sweep, plus every pair of segments
     * between adjacent ranks compared once per crossing count (once at the start and after each ordering sweep).
     * Derived from the result itself: an edge spanning k ranks brings k - 1 dummies and a segment across each gap.
     * Its time is measured by {@code io.convscope.bench.LayoutBenchmark}.
     */
    static long layoutWork(GraphLayout layout) {
        long vertices = layout.nodes().size();
        long[] segments = new long[Math.max(1, layout.ranks())];
        Map<String, Integer> rank = new HashMap<>();
        layout.nodes().forEach(b -> rank.put(b.node().id(), b.rank()));
        for (GraphLayout.Route r : layout.edges()) {
            int from = rank.get(r.edge().from());
            int to = rank.get(r.edge().to());
            vertices += Math.max(0, to - from - 1);
            for (int gap = from; gap < to; gap++) {
                segments[gap]++;
            }
        }
        long pairs = 0;
        for (long s : segments) {
            pairs += s * (s - 1) / 2;
        }
        return vertices * (LayeredLayout.ORDER_SWEEPS + LayeredLayout.POSITION_SWEEPS)
                + pairs * (LayeredLayout.ORDER_SWEEPS + 1);
    }

    @Test
    void inceptionResNetV1ExpandedLaysOutInBoundedWork() {
        VisibleGraph v = VisibleGraph.expanded(GRAPHS.get("inception-resnet-v1"));
        GraphLayout layout = LayeredLayout.of(v, LABELS, LayoutMetrics.DEFAULT);
        long work = layoutWork(layout);
        // 17,784 today (366 nodes): linear in the nodes. Twice that leaves room for a better ordering's different
        // ranks; a ranking that stretched edges or a quadratic step (366^2 segment pairs alone is 1.2 M) fails.
        assertTrue(
                work < 100L * v.nodes().size(),
                "layout work " + work + " for " + v.nodes().size() + " nodes");
    }
}
