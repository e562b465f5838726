package io.convscope.explain.views;

import io.convscope.explain.Formulas;
import io.convscope.explain.GridPosition;
import io.convscope.explain.ShownSum;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import io.convscope.network.LayerKind;
import io.convscope.network.LayerWeights;
import io.convscope.network.NetworkDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the element-wise formula panel (spec §2.7) shows for one channel of a layer whose every output value comes
 * from the same position of its inputs: an activation ({@code max(0, x)}, {@code tanh(x)}), zero padding, a batch
 * normalisation ({@code scale * x + shift}), a constant scaling, a residual addition or another merge, a concatenation
 * (a copy of one input's channel), an upsampling (a copy of the covering cell), a space-to-depth rearrangement (a copy
 * of one cell of each block) or YOLO's output layer (a sigmoid, an anchor's size times an exponential, or one class's
 * share of a softmax, depending on the channel). Outputs are the network's own values; the formula's operands are the
 * inputs' own values, so the equation can be checked on screen.
 */
public final class ElementwiseExplanation {

    /** Layer kinds this explanation covers. */
    public static boolean covers(LayerKind kind) {
        return switch (kind) {
            case ACTIVATION,
                    ZERO_PADDING,
                    BATCH_NORM,
                    SCALE,
                    ADD,
                    MERGE,
                    CONCAT,
                    UPSAMPLE,
                    SPACE_TO_DEPTH,
                    DETECTION -> true;
            default -> false;
        };
    }

    /** One input grid: which layer and channel it shows, and the map. */
    public record Source(int layer, int channel, String name, float[][] map) {}

    /** What a channel of YOLO's output holds for its anchor box, in the order the channels come. */
    public enum DetectionPart {
        /** The box centre's offset across its cell, σ(t). */
        X,
        /** The box centre's offset down its cell, σ(t). */
        Y,
        /** The box width in cells, anchor width × exp(t). */
        WIDTH,
        /** The box height in cells, anchor height × exp(t). */
        HEIGHT,
        /** How likely the box holds an object, σ(t). */
        OBJECTNESS,
        /** One class's probability, a softmax over the anchor's class scores. */
        CLASS
    }

    private final int layer;
    private final int channel;
    private final LayerDescription description;
    private final List<Source> sources;
    private final float[][] output;
    /** Batch norm's per-channel scale and shift, or a scaling's factor (shift 0); NaN when the layer has none. */
    private final float scale;

    private final float shift;
    /** For YOLO's output: channels per anchor box (5 + classes), this channel's anchor size in cells, its scores. */
    private final int perBox;

    private final float[] anchorSize;
    private final float[][][] classScores;

    /** @param layer index of a layer whose kind {@link #covers(LayerKind)} */
    public ElementwiseExplanation(ActivationSnapshot snapshot, int layer, int channel) {
        NetworkDescription network = snapshot.network();
        LayerDescription d = network.layer(layer);
        if (!covers(d.kind())) {
            throw new IllegalArgumentException(d.name() + " is not an element-wise layer");
        }
        Objects.checkIndex(channel, d.outputShape().channels());
        this.layer = layer;
        this.channel = channel;
        this.description = d;
        this.output = snapshot.layer(layer).channel(channel);
        List<Source> in = new ArrayList<>();
        if (d.kind() == LayerKind.CONCAT) {
            // Output channel c is channel c - offset of the input whose block of channels holds it.
            int offset = 0;
            for (int from : network.inputsOf(layer)) {
                int channels = network.layer(from).outputShape().channels();
                if (channel < offset + channels) {
                    in.add(new Source(
                            from,
                            channel - offset,
                            network.layer(from).name(),
                            snapshot.layer(from).channel(channel - offset)));
                    break;
                }
                offset += channels;
            }
        } else {
            int source = d.sourceChannel(channel);
            for (int from : network.inputsOf(layer)) {
                in.add(new Source(
                        from,
                        source,
                        network.layer(from).name(),
                        snapshot.layer(from).channel(source)));
            }
        }
        this.sources = List.copyOf(in);
        LayerWeights w = network.weights(d.name());
        if (d.kind() == LayerKind.DETECTION) {
            if (w == null) {
                throw new IllegalArgumentException(d.name() + " has no anchor boxes to show");
            }
            perBox = d.inputShape().channels() / w.outputs();
            int anchor = channel / perBox;
            anchorSize = new float[] {w.weight(anchor, 0, 0, 0), w.weight(anchor, 0, 0, 1)};
            // The softmax of a class channel divides by every class score of its anchor at that cell.
            int first = channel / perBox * perBox + 5;
            classScores = new float[perBox - 5][][];
            for (int k = 0; k < classScores.length; k++) {
                classScores[k] = snapshot.layer(network.inputOf(layer)).channel(first + k);
            }
        } else {
            perBox = 0;
            anchorSize = null;
            classScores = null;
        }
        boolean scaled = d.kind() == LayerKind.BATCH_NORM || d.kind() == LayerKind.SCALE;
        if (scaled && w == null) {
            throw new IllegalArgumentException(d.name() + " has no scale to show");
        }
        int row = d.kind() == LayerKind.BATCH_NORM ? channel : 0;
        this.scale = scaled ? w.weight(row, 0, 0, 0) : Float.NaN;
        this.shift = scaled ? w.bias(row) : Float.NaN;
    }

    public int layer() {
        return layer;
    }

    public int channel() {
        return channel;
    }

    public LayerKind kind() {
        return description.kind();
    }

    /** The activation's or merge's name as the layer describes it ("relu", "tanh", "add", "product"...). */
    public String function() {
        return description.activation();
    }

    /** The input grids, in the order the formula combines them (copies). */
    public List<Source> sources() {
        return sources.stream()
                .map(s -> new Source(s.layer(), s.channel(), s.name(), Formulas.copy(s.map())))
                .toList();
    }

    /** The first input's map (the only one for all but additions and merges). */
    public float[][] input() {
        return Formulas.copy(sources.get(0).map());
    }

    public float[][] output() {
        return Formulas.copy(output);
    }

    /** Where output cell (y, x) reads input {@code source}; null when it is padding. */
    public GridPosition inputCell(int source, int y, int x) {
        float[][] map = sources.get(source).map();
        int iy = y;
        int ix = x;
        if (description.kind() == LayerKind.ZERO_PADDING) {
            iy = y - description.padding().top();
            ix = x - description.padding().left();
        } else if (description.kind() == LayerKind.UPSAMPLE) {
            iy = y * map.length / output.length;
            ix = x * map[0].length / output[0].length;
        } else if (description.kind() == LayerKind.SPACE_TO_DEPTH) {
            int block = description.stride().height();
            iy = y * block + description.blockRow(channel);
            ix = x * block + description.blockColumn(channel);
        }
        return iy < 0 || ix < 0 || iy >= map.length || ix >= map[0].length ? null : new GridPosition(iy, ix);
    }

    /** The output cell a hover over input {@code source}'s cell (y, x) shows (for upsampling, the first it covers). */
    public GridPosition outputCellFor(int source, int y, int x) {
        float[][] map = sources.get(source).map();
        if (description.kind() == LayerKind.ZERO_PADDING) {
            return new GridPosition(
                    y + description.padding().top(), x + description.padding().left());
        }
        if (description.kind() == LayerKind.UPSAMPLE || description.kind() == LayerKind.SPACE_TO_DEPTH) {
            // A space-to-depth block's other cells go to other channels: the hover shows the block's output cell.
            return new GridPosition(y * output.length / map.length, x * output[0].length / map[0].length);
        }
        return new GridPosition(y, x);
    }

    /** The panel at output cell (y, x). */
    public ElementwiseStep step(int y, int x) {
        List<GridPosition> cells = new ArrayList<>(sources.size());
        float[] in = new float[sources.size()];
        List<String> operands = new ArrayList<>(sources.size());
        for (int s = 0; s < sources.size(); s++) {
            GridPosition p = inputCell(s, y, x);
            cells.add(p);
            in[s] = p == null ? 0 : sources.get(s).map()[p.y()][p.x()];
            operands.add(Formulas.twoDecimals(in[s]));
        }
        float out = output[y][x];
        String result = Formulas.twoDecimals(out);
        String a = operands.get(0);
        String formula =
                switch (description.kind()) {
                    case ACTIVATION -> (function().equals("relu") ? "max(0, " + a + ")" : function() + "(" + a + ")")
                            + " = " + result;
                    case ZERO_PADDING -> cells.get(0) == null ? "0 = " + result : a + " = " + result;
                    case CONCAT, UPSAMPLE, SPACE_TO_DEPTH -> a + " = " + result;
                    case DETECTION -> detection(a, y, x) + " = " + result;
                    case BATCH_NORM, SCALE -> Formulas.twoDecimals(scale) + " × " + bracketed(a)
                            + (description.kind() == LayerKind.BATCH_NORM
                                    ? " + " + bracketed(Formulas.twoDecimals(shift))
                                    : "")
                            + " = " + result;
                    case ADD -> addition(in, out);
                    default -> merge(operands) + " = " + result;
                };
        return new ElementwiseStep(new GridPosition(y, x), cells, in, out, formula);
    }

    /** For YOLO's output layer: what this channel holds for its anchor box. */
    public DetectionPart detectionPart() {
        requireDetection();
        int j = channel % perBox;
        return j < 5 ? DetectionPart.values()[j] : DetectionPart.CLASS;
    }

    /** For YOLO's output layer: the anchor box (0-based) this channel belongs to. */
    public int anchor() {
        requireDetection();
        return channel / perBox;
    }

    /** For a class channel of YOLO's output layer: the class (0-based) whose probability it holds. */
    public int detectionClass() {
        requireDetection();
        return Math.max(-1, channel % perBox - 5);
    }

    /** For YOLO's output layer: the anchor's width and height in cells, which exp(t) scales. */
    public float[] anchorSize() {
        requireDetection();
        return anchorSize.clone();
    }

    /** For a class channel: the sum of exp(score) over the anchor's class scores at (y, x), the softmax's divisor. */
    public double softmaxDivisor(int y, int x) {
        requireDetection();
        double sum = 0;
        for (float[][] score : classScores) {
            sum += Math.exp(score[y][x]);
        }
        return sum;
    }

    private void requireDetection() {
        if (description.kind() != LayerKind.DETECTION) {
            throw new IllegalStateException(description.name() + " is not a YOLO output layer");
        }
    }

    private String detection(String a, int y, int x) {
        return switch (detectionPart()) {
            case X, Y, OBJECTNESS -> "σ(" + a + ")";
            case WIDTH -> Formulas.twoDecimals(anchorSize[0]) + " × exp(" + a + ")";
            case HEIGHT -> Formulas.twoDecimals(anchorSize[1]) + " × exp(" + a + ")";
            case CLASS -> "exp(" + a + ") / " + large(softmaxDivisor(y, x));
        };
    }

    /** Two decimals, or three significant digits with an exponent once the number no longer fits a cell. */
    private static String large(double value) {
        return Math.abs(value) < 1e6 ? Formulas.twoDecimals(value) : String.format(Locale.ROOT, "%.3g", value);
    }

    /** Batch norm's folded scale for this channel (gamma / sqrt(var + eps)), or a scaling's factor. */
    public float scale() {
        return scale;
    }

    /** Batch norm's folded shift for this channel (beta - mean * scale); 0 for a scaling. */
    public float shift() {
        return shift;
    }

    private String merge(List<String> operands) {
        return switch (function()) {
            case "product" -> joined(operands, " × ");
            case "subtract" -> joined(operands, " − ");
            case "average" -> "(" + joined(operands, " + ") + ") / " + operands.size();
            default -> function() + "(" + String.join(", ", operands) + ")";
        };
    }

    /** Operands after the first in brackets when negative: "0.12 + (-0.40)". */
    /** A residual addition with as many decimals as it takes for the printed operands to add up to the result. */
    private static String addition(float[] operands, float sum) {
        double[] terms = new double[operands.length];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = operands[i];
        }
        return ShownSum.of(sum, 2, 4, terms).text();
    }

    private static String joined(List<String> operands, String op) {
        StringBuilder sb = new StringBuilder(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            sb.append(op).append(bracketed(operands.get(i)));
        }
        return sb.toString();
    }

    private static String bracketed(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }

    /** Cells the panel animates through, one per 250 ms. */
    public int positions() {
        return output.length * output[0].length;
    }

    /** The {@code index}-th cell in row-major order. */
    public GridPosition position(int index) {
        Objects.checkIndex(index, positions());
        return new GridPosition(index / output[0].length, index % output[0].length);
    }
}
