package io.convscope.explain.graph;

import io.convscope.network.graph.NodeType;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one place the architecture view's colours are defined (the screen, the PNG and the SVG export all use it), as
 * 0xRRGGBB. Each node type has a hue (Netscope's choices where it had one: convolution orange-red, dense deep red,
 * normalisation green-ish, input green); a box is a light tint of it in the light theme and a deep shade in the dark
 * theme, outlined in the hue itself, so text contrast stays high in both.
 */
public final class NodeColors {

    private static final Map<NodeType, Integer> HUES = new EnumMap<>(Map.ofEntries(
            Map.entry(NodeType.INPUT, 0x2DA44E),
            Map.entry(NodeType.CONVOLUTION, 0xE16F24),
            Map.entry(NodeType.SEPARABLE_CONVOLUTION, 0xD4A72C),
            Map.entry(NodeType.DECONVOLUTION, 0xE85AAD),
            Map.entry(NodeType.DENSE, 0xCF222E),
            Map.entry(NodeType.POOLING, 0x218BFF),
            Map.entry(NodeType.NORMALIZATION, 0x1B9AAA),
            Map.entry(NodeType.ACTIVATION, 0x8C959F),
            Map.entry(NodeType.DROPOUT, 0xB0B8C1),
            Map.entry(NodeType.MERGE, 0x8250DF),
            Map.entry(NodeType.RESHAPE, 0xA0785A),
            Map.entry(NodeType.OUTPUT, 0xBF3989),
            Map.entry(NodeType.OTHER, 0x6E7781)));

    /** A collapsed block's colour (it mixes types). */
    public static final int BLOCK_HUE = 0x57606A;

    private static final int LIGHT_BACKGROUND = 0xFFFFFF;
    private static final int DARK_BACKGROUND = 0x0D1117;
    private static final double LIGHT_TINT = 0.80;
    private static final double DARK_SHADE = 0.72;

    private NodeColors() {}

    public static int hue(NodeType type) {
        return HUES.get(type);
    }

    public static int fill(NodeType type, boolean block, boolean dark) {
        int hue = block ? BLOCK_HUE : hue(type);
        return dark ? mix(hue, DARK_BACKGROUND, DARK_SHADE) : mix(hue, LIGHT_BACKGROUND, LIGHT_TINT);
    }

    public static int stroke(NodeType type, boolean block) {
        return block ? BLOCK_HUE : hue(type);
    }

    public static int text(boolean dark) {
        return dark ? 0xE6EDF3 : 0x1F2328;
    }

    public static int mutedText(boolean dark) {
        return dark ? 0x9198A1 : 0x59636E;
    }

    public static int background(boolean dark) {
        return dark ? DARK_BACKGROUND : 0xF6F8FA;
    }

    public static int edge(boolean dark) {
        return dark ? 0x5A626C : 0xA8B1BB;
    }

    /** The selected box's outline and a search match's highlight. */
    public static int selection(boolean dark) {
        return dark ? 0x2F81F7 : 0x0969DA;
    }

    /** {@code amount} of {@code b} mixed into {@code a}. */
    static int mix(int a, int b, double amount) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - amount) + ((b >> 16) & 0xFF) * amount);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - amount) + ((b >> 8) & 0xFF) * amount);
        int bl = (int) Math.round((a & 0xFF) * (1 - amount) + (b & 0xFF) * amount);
        return (r << 16) | (g << 8) | bl;
    }

    public static String hex(int rgb) {
        return String.format("#%06X", rgb & 0xFFFFFF);
    }
}
