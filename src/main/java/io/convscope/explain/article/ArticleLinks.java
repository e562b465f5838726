package io.convscope.explain.article;

import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Where the article's links point. {@code layer:conv_1_1} names a layer; {@code layer:first-conv} (also
 * {@code first-relu}, {@code first-pool}, {@code input}, {@code output}, {@code flatten}) picks the first layer of a
 * kind, so the same article works for any sequential model the app opens. {@code section:relu} opens a section;
 * {@code mode:attribution} or {@code mode:train} switches the main window to that mode (the attribution
 * maps, the Train workspace).
 */
public final class ArticleLinks {

    public static final String LAYER = "layer:";
    public static final String SECTION = "section:";
    public static final String MODE = "mode:";

    private ArticleLinks() {}

    /** The network layer a {@code layer:} link selects, if this network has one. */
    public static OptionalInt layer(String link, NetworkDescription network) {
        if (!link.startsWith(LAYER)) {
            return OptionalInt.empty();
        }
        String target = link.substring(LAYER.length());
        int named = network.firstIndex(l -> l.name().equals(target));
        if (named >= 0) {
            return OptionalInt.of(named);
        }
        LayerKind kind =
                switch (target.toLowerCase(Locale.ROOT)) {
                    case "input" -> LayerKind.INPUT;
                    case "first-conv" -> LayerKind.CONVOLUTION;
                    case "first-relu" -> LayerKind.ACTIVATION;
                    case "first-pool" -> null; // max or average, whichever comes first
                    case "flatten" -> LayerKind.FLATTEN;
                    case "output" -> LayerKind.OUTPUT;
                    default -> throw new IllegalArgumentException("Unknown layer link: " + link);
                };
        int first = network.firstIndex(l -> kind == null ? l.kind().isPooling() : l.kind() == kind);
        return first < 0 ? OptionalInt.empty() : OptionalInt.of(first);
    }

    /** The section id of a {@code section:} link, or null for another kind of link. */
    public static String section(String link) {
        return link.startsWith(SECTION) ? link.substring(SECTION.length()) : null;
    }

    /** The workspace mode a {@code mode:} link switches to, lower case ({@code train}), or null for another link. */
    public static String mode(String link) {
        return link.startsWith(MODE) ? link.substring(MODE.length()).toLowerCase(Locale.ROOT) : null;
    }
}
