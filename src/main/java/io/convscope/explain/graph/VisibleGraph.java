package io.convscope.explain.graph;

import io.convscope.network.graph.ArchitectureEdge;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.network.graph.NodeType;
import io.convscope.network.graph.TensorShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What a graph view shows of an {@link ArchitectureGraph} when some repeated blocks are collapsed: every layer of a
 * collapsed block is replaced by one block node, and the edges into and out of the block are re-routed to it (edges
 * inside the block disappear). Nodes are in topological order. Immutable.
 *
 * @param graph     the full architecture
 * @param collapsed the blocks actually collapsed (requested blocks that are {@link #collapsibleBlocks collapsible})
 * @param nodes     visible nodes, every node after its inputs
 * @param edges     visible edges, at most one per (from, to, shape)
 */
public record VisibleGraph(ArchitectureGraph graph, Set<String> collapsed, List<Node> nodes, List<Edge> edges) {

    /** Prefix of a block node's id; layer ids never start with it because the importers never emit brackets. */
    public static final String BLOCK_ID_PREFIX = "[block]";

    /**
     * One box: a single layer, or a collapsed block of {@code members.size()} layers.
     *
     * @param id      the layer id, or {@link #BLOCK_ID_PREFIX} + block name
     * @param title   the layer's name or the block's name
     * @param block   the block name for a block node, else the layer's block ("" when none)
     * @param members the layers this box stands for, in graph order (one for a layer)
     */
    public record Node(String id, String title, String block, List<ArchitectureNode> members, boolean collapsedBlock) {
        public Node {
            members = List.copyOf(members);
        }

        /** The single layer of a layer node; the block's first layer otherwise. */
        public ArchitectureNode layer() {
            return members.get(0);
        }

        public NodeType type() {
            return collapsedBlock ? NodeType.OTHER : layer().type();
        }

        /** What the box hands on: the layer's output, or the block's last layer's output. */
        public TensorShape outputShape() {
            return members.get(members.size() - 1).outputShape();
        }

        public boolean inPlace() {
            return !collapsedBlock && layer().inPlace();
        }

        public long trainableParams() {
            return members.stream().mapToLong(ArchitectureNode::trainableParams).sum();
        }

        public long nonTrainableParams() {
            return members.stream()
                    .mapToLong(ArchitectureNode::nonTrainableParams)
                    .sum();
        }

        public long multiplyAccumulates() {
            return members.stream()
                    .mapToLong(ArchitectureNode::multiplyAccumulates)
                    .sum();
        }

        public long otherOperations() {
            return members.stream().mapToLong(ArchitectureNode::otherOperations).sum();
        }

        public long activationBytes() {
            return members.stream().mapToLong(ArchitectureNode::activationBytes).sum();
        }
    }

    /** A blob between two visible nodes. */
    public record Edge(String from, String to, TensorShape shape) {}

    public VisibleGraph {
        collapsed = Set.copyOf(collapsed);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Every layer on its own. */
    public static VisibleGraph expanded(ArchitectureGraph graph) {
        return of(graph, Set.of());
    }

    /**
     * The graph with the given blocks collapsed; names that are not {@link #collapsibleBlocks collapsible} (unknown,
     * single-layer, or blocks whose collapse would create a cycle) are ignored.
     */
    public static VisibleGraph of(ArchitectureGraph graph, Set<String> requested) {
        Set<String> collapsed = new LinkedHashSet<>();
        for (String b : collapsibleBlocks(graph)) {
            if (requested.contains(b)) {
                collapsed.add(b);
            }
        }
        Map<String, String> visibleOf = new HashMap<>();
        Map<String, List<ArchitectureNode>> members = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<ArchitectureNode> layers = graph.nodes();
        for (int i = 0; i < layers.size(); i++) {
            ArchitectureNode n = layers.get(i);
            String id = collapsed.contains(n.block()) ? BLOCK_ID_PREFIX + n.block() : n.id();
            visibleOf.put(n.id(), id);
            members.computeIfAbsent(id, k -> new ArrayList<>()).add(n);
            firstIndex.putIfAbsent(id, i);
        }
        Set<List<Object>> seen = new HashSet<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        members.keySet().forEach(id -> indegree.put(id, 0));
        for (ArchitectureEdge e : graph.edges()) {
            String from = visibleOf.get(e.from());
            String to = visibleOf.get(e.to());
            if (from == null || to == null || from.equals(to)) {
                continue; // inside a collapsed block
            }
            if (seen.add(List.of(from, to, e.shape()))) {
                edges.add(new Edge(from, to, e.shape()));
                if (seen.add(List.of(from, to))) {
                    successors.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
                    indegree.merge(to, 1, Integer::sum);
                }
            }
        }
        // Kahn's algorithm, ties by first layer index: a collapsed block can be fed by a layer that comes after the
        // block's first layer in the file, so the layers' order alone is not topological any more.
        PriorityQueue<String> ready =
                new PriorityQueue<>((a, b) -> Integer.compare(firstIndex.get(a), firstIndex.get(b)));
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<Node> nodes = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            List<ArchitectureNode> m = members.get(id);
            boolean block = id.startsWith(BLOCK_ID_PREFIX);
            String blockName = m.get(0).block();
            nodes.add(new Node(id, block ? blockName : m.get(0).name(), blockName, m, block));
            for (String s : successors.getOrDefault(id, List.of())) {
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        if (nodes.size() != members.size()) {
            throw new IllegalStateException("collapsing " + collapsed + " made the graph cyclic");
        }
        return new VisibleGraph(graph, collapsed, nodes, edges);
    }

    /**
     * Blocks of at least two layers that can be drawn as one node: no path leaves the block and comes back into it
     * (that would make the collapsed graph cyclic). In order of first appearance.
     */
    public static List<String> collapsibleBlocks(ArchitectureGraph graph) {
        List<ArchitectureNode> layers = graph.nodes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            index.put(layers.get(i).id(), i);
        }
        Map<String, int[]> range = new LinkedHashMap<>(); // block -> {first, last, count}
        for (int i = 0; i < layers.size(); i++) {
            String b = layers.get(i).block();
            if (!b.isEmpty()) {
                int[] r = range.computeIfAbsent(b, k -> new int[] {Integer.MAX_VALUE, -1, 0});
                r[0] = Math.min(r[0], i);
                r[1] = i;
                r[2]++;
            }
        }
        List<String> result = new ArrayList<>();
        boolean[] reached = new boolean[layers.size()];
        for (Map.Entry<String, int[]> e : range.entrySet()) {
            int[] r = e.getValue();
            if (r[2] >= 2 && convex(layers, index, e.getKey(), r[0], r[1], reached)) {
                result.add(e.getKey());
            }
        }
        return result;
    }

    /** Whether no layer outside {@code block} is both fed (transitively) by the block and feeding it. */
    private static boolean convex(
            List<ArchitectureNode> layers,
            Map<String, Integer> index,
            String block,
            int lo,
            int hi,
            boolean[] reached) {
        // Only layers between the block's first and last can lie on a path that leaves and re-enters it.
        Arrays.fill(reached, lo, hi + 1, false);
        for (int i = lo; i <= hi; i++) {
            ArchitectureNode n = layers.get(i);
            boolean member = n.block().equals(block);
            for (String p : n.inputIds()) {
                int j = index.get(p);
                if (j < lo) {
                    continue;
                }
                boolean fromBlock = layers.get(j).block().equals(block);
                if (member && !fromBlock && reached[j]) {
                    return false;
                }
                if (!member && (fromBlock || reached[j])) {
                    reached[i] = true;
                }
            }
        }
        return true;
    }

    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no visible node " + id);
    }

    /** The visible node that shows layer {@code layerId}: the layer itself or its collapsed block. */
    public String visibleIdOf(String layerId) {
        for (Node n : nodes) {
            for (ArchitectureNode m : n.members()) {
                if (m.id().equals(layerId)) {
                    return n.id();
                }
            }
        }
        throw new IllegalArgumentException("no layer " + layerId);
    }
}
