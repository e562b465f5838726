package io.convscope.network.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A network's architecture as a directed acyclic graph: nodes in topological order (every node after all of its
 * inputs), the blobs between them as edges, and what the whole network costs for one input image.
 * Built by the Caffe importer ({@code io.convscope.network.caffe.CaffeImporter}) and by the DL4J converter
 * ({@code io.convscope.engine.compile.ArchitectureConverter}); immutable.
 *
 * <h2>Totals</h2>
 * <ul>
 *   <li>{@link #trainableParams()}, {@link #nonTrainableParams()}: sums over nodes.</li>
 *   <li>{@link #multiplyAccumulates()}: sum over nodes (FLOPs ≈ 2 × this).</li>
 *   <li>{@link #activationBytes()}: 4 bytes × the sum of every node's outputs, inputs and in-place layers included
 *       (Netscope's "activation" total): an upper bound nobody needs at once.</li>
 *   <li>{@link #peakActivationBytes()}: a liveness estimate of inference memory, see there.</li>
 * </ul>
 *
 * @param name        the network's name
 * @param inputShapes shape of each input node, in input order
 * @param nodes       all nodes, topologically ordered
 * @param edges       one per (producer output, consumer input) pair
 * @param warnings    what the importer could not analyse (unknown layer types, undefined blobs...), one sentence each
 */
public record ArchitectureGraph(
        String name,
        List<TensorShape> inputShapes,
        List<ArchitectureNode> nodes,
        List<ArchitectureEdge> edges,
        List<String> warnings) {

    public ArchitectureGraph {
        inputShapes = List.copyOf(inputShapes);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        warnings = List.copyOf(warnings);
        Map<String, Integer> seen = new HashMap<>();
        for (ArchitectureNode n : nodes) {
            for (ArchitectureNode.Port p : n.inputs()) {
                if (!seen.containsKey(p.node())) {
                    throw new IllegalArgumentException(
                            "node " + n.id() + " reads " + p.node() + ", which is not an earlier node");
                }
            }
            if (seen.put(n.id(), seen.size()) != null) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
        }
    }

    /** Builds the edges from the nodes' inputs. */
    public static ArchitectureGraph of(String name, List<ArchitectureNode> nodes, List<String> warnings) {
        Map<String, ArchitectureNode> byId = new HashMap<>();
        List<ArchitectureEdge> edges = new ArrayList<>();
        List<TensorShape> inputs = new ArrayList<>();
        for (ArchitectureNode n : nodes) {
            for (int i = 0; i < n.inputs().size(); i++) {
                ArchitectureNode.Port p = n.inputs().get(i);
                ArchitectureNode from = byId.get(p.node());
                TensorShape s =
                        from == null || p.output() >= from.outputShapes().size()
                                ? TensorShape.UNKNOWN
                                : from.outputShapes().get(p.output());
                edges.add(new ArchitectureEdge(p.node(), p.output(), n.id(), i, s));
            }
            byId.put(n.id(), n);
            if (n.type() == NodeType.INPUT) {
                inputs.add(n.outputShape());
            }
        }
        return new ArchitectureGraph(name, inputs, nodes, edges, warnings);
    }

    public ArchitectureNode node(String id) {
        return nodes.stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /**
     * Computes every total once, so that an importer can refuse a network whose figures do not fit in 64 bits before
     * anything shows them (the totals are exact: they throw rather than wrap to a negative number).
     *
     * @throws ArithmeticException whose message names the figure ("parameters", "multiply-adds"...)
     */
    public void checkTotals() {
        exact("parameters", this::paramBytes);
        exact("operations", () -> operations().other());
        exact("multiply-adds", this::multiplyAccumulates);
        exact("activation bytes", this::activationBytes);
        exact("activation bytes", this::peakActivationBytes);
    }

    private static void exact(String figure, LongSupplier total) {
        try {
            total.getAsLong();
        } catch (ArithmeticException e) {
            throw new ArithmeticException(figure);
        }
    }

    private long sum(ToLongFunction<ArchitectureNode> figure) {
        return nodes.stream().mapToLong(figure).reduce(0, Math::addExact);
    }

    public long trainableParams() {
        return sum(ArchitectureNode::trainableParams);
    }

    public long nonTrainableParams() {
        return sum(ArchitectureNode::nonTrainableParams);
    }

    public long params() {
        return Math.addExact(trainableParams(), nonTrainableParams());
    }

    /** {@code params() * 4}: parameter memory at 32-bit floats. */
    public long paramBytes() {
        return Math.multiplyExact(params(), Float.BYTES);
    }

    public Operations operations() {
        return nodes.stream().map(ArchitectureNode::operations).reduce(Operations.NONE, Operations::plus);
    }

    public long multiplyAccumulates() {
        return sum(ArchitectureNode::multiplyAccumulates);
    }

    /** 4 bytes × every node's outputs summed (an upper bound: in-place outputs and inputs count too). */
    public long activationBytes() {
        return sum(ArchitectureNode::activationBytes);
    }

    /**
     * Inference memory for activations, estimated by liveness: running the nodes in order, an output buffer is
     * allocated when its node runs and freed after its last consumer ran; outputs nobody consumes (the network's
     * results) stay to the end; an in-place node writes into its first input's buffer instead of a new one. The peak
     * is the largest sum of live buffers at any step, times 4 bytes. For a chain this is the largest
     * "input + output" pair of any layer; frameworks that reuse memory more cleverly can do better, never worse
     * than this by more than the size of the biggest tensor.
     */
    public long peakActivationBytes() {
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).id(), i);
        }
        // buffer of each output: (start step, last step, values); in-place outputs alias their first input's buffer
        Map<String, long[]> buffers = new LinkedHashMap<>();
        Map<String, String> bufferOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ArchitectureNode node = nodes.get(i);
            for (ArchitectureNode.Port p : node.inputs()) {
                long[] b = buffers.get(bufferOf.get(p.node() + "#" + p.output()));
                if (b != null) {
                    b[1] = Math.max(b[1], i);
                }
            }
            for (int o = 0; o < node.outputShapes().size(); o++) {
                String key = node.id() + "#" + o;
                long values = node.outputShapes().get(o).totalElements();
                if (node.inPlace() && o == 0 && !node.inputs().isEmpty()) {
                    ArchitectureNode.Port src = node.inputs().get(0);
                    String buffer = bufferOf.get(src.node() + "#" + src.output());
                    if (buffer != null) {
                        bufferOf.put(key, buffer);
                        long[] b = buffers.get(buffer);
                        b[2] = Math.max(b[2], values);
                        continue;
                    }
                }
                bufferOf.put(key, key);
                buffers.put(key, new long[] {i, -1, values});
            }
        }
        long[] delta = new long[n + 1];
        for (long[] b : buffers.values()) {
            int last = b[1] < 0 ? n - 1 : (int) b[1];
            delta[(int) b[0]] = Math.addExact(delta[(int) b[0]], b[2]);
            delta[last + 1] = Math.subtractExact(delta[last + 1], b[2]);
        }
        long live = 0;
        long peak = 0;
        for (int i = 0; i < n; i++) {
            live = Math.addExact(live, delta[i]);
            peak = Math.max(peak, live);
        }
        return Math.multiplyExact(peak, Float.BYTES);
    }

    /**
     * Netscope's folded summary: runs of consecutive nodes with the same non-empty {@link ArchitectureNode#block()}
     * become one row; every other node is a row of its own. Totals of the rows equal the graph's totals.
     */
    public List<Block> foldedBlocks() {
        List<Block> rows = new ArrayList<>();
        List<ArchitectureNode> run = new ArrayList<>();
        for (ArchitectureNode node : nodes) {
            if (!run.isEmpty()
                    && (node.block().isEmpty()
                            || !node.block().equals(run.get(0).block()))) {
                rows.add(new Block(run));
                run = new ArrayList<>();
            }
            run.add(node);
        }
        if (!run.isEmpty()) {
            rows.add(new Block(run));
        }
        return rows;
    }

    /** One folded row: a single node, or a run of nodes from the same block. */
    public record Block(List<ArchitectureNode> nodes) {
        public Block {
            nodes = List.copyOf(nodes);
        }

        /** The block path, or the node's name for a single node outside any block. */
        public String name() {
            ArchitectureNode first = nodes.get(0);
            return first.block().isEmpty() ? first.name() : first.block();
        }

        public boolean folded() {
            return !nodes.get(0).block().isEmpty();
        }

        /** The last node's output: what the block hands on. */
        public TensorShape outputShape() {
            return nodes.get(nodes.size() - 1).outputShape();
        }

        public long params() {
            return nodes.stream().mapToLong(ArchitectureNode::params).sum();
        }

        public long trainableParams() {
            return nodes.stream().mapToLong(ArchitectureNode::trainableParams).sum();
        }

        public long multiplyAccumulates() {
            return nodes.stream()
                    .mapToLong(ArchitectureNode::multiplyAccumulates)
                    .sum();
        }

        public long otherOperations() {
            return nodes.stream().mapToLong(ArchitectureNode::otherOperations).sum();
        }

        public long activationBytes() {
            return nodes.stream().mapToLong(ArchitectureNode::activationBytes).sum();
        }
    }
}
