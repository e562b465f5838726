package io.convscope.explain.article;

import io.convscope.engine.ModelLoader;
import io.convscope.explain.ReferenceNetwork;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.LayerKind;
import io.convscope.network.Shape;
import io.convscope.ui.workspace.WorkspaceMode;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Learn article in both languages: the same sections, figures, live numbers and links (so switching language
 * never loses a section a view links to), and the live numbers worked out correctly from the bundled model.
 */
class ArticleTest {

    static final List<String> LANGUAGES = List.of("en", "zh");
    static final List<String> SECTIONS = List.of(
            Article.INTRO,
            Article.WHY_CONVOLUTION,
            Article.INPUT,
            Article.CONVOLUTION,
            Article.HYPERPARAMETERS,
            Article.RELU,
            Article.SOFTMAX,
            Article.POOLING,
            Article.FLATTEN,
            Article.BRANCHES,
            Article.MAP_OUTPUTS,
            Article.ATTRIBUTION,
            Article.TRAINING,
            Article.USING);

    static ActivationSnapshot coffee;

    @BeforeAll
    static void load() throws Exception {
        coffee = ModelLoader.loadBundled()
                .compiled()
                .forward(ImagePreprocessor.load(Path.of("sample-images/coffee.png"), 64, 64));
    }

    /** What a section refers to: figures, formulas, placeholders, links and icons, in order. */
    static List<String> references(Article.Section section) {
        List<String> refs = new ArrayList<>();
        for (Node block : section.blocks()) {
            block.accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock code) {
                    String info = code.getInfo().trim();
                    refs.add(info.equals("math") ? "math:" + code.getLiteral().trim() : info);
                }

                @Override
                public void visit(Link link) {
                    refs.add("link:" + link.getDestination());
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    refs.add("image:" + image.getDestination());
                }
            });
        }
        return refs;
    }

    @Test
    void bothLanguagesHaveTheSameSectionsFiguresFormulasLinksAndIcons() {
        Map<String, Article> articles = new HashMap<>();
        for (String lang : LANGUAGES) {
            Article a = Article.parse(Article.read(lang));
            assertEquals(
                    SECTIONS, a.sections().stream().map(Article.Section::id).toList(), lang);
            assertFalse(a.title().isBlank(), lang + " has a title");
            articles.put(lang, a);
        }
        for (String id : SECTIONS) {
            List<String> en = references(articles.get("en").section(id).orElseThrow());
            List<String> zh = references(articles.get("zh").section(id).orElseThrow());
            // Links may move within a section as the sentence needs, so compare them as sets; the rest in order.
            assertEquals(
                    en.stream().filter(r -> !r.startsWith("link:")).toList(),
                    zh.stream().filter(r -> !r.startsWith("link:")).toList(),
                    "figures, formulas, icons of " + id);
            assertEquals(
                    new TreeSet<>(en.stream().filter(r -> r.startsWith("link:")).toList()),
                    new TreeSet<>(zh.stream().filter(r -> r.startsWith("link:")).toList()),
                    "links of " + id);
        }
    }

    @Test
    void bothLanguagesQuoteTheSameLiveNumbersAndOnlyKnownOnes() {
        List<String> en = Article.placeholders(Article.read("en"));
        List<String> zh = Article.placeholders(Article.read("zh"));
        assertEquals(new TreeSet<>(en), new TreeSet<>(zh));
        for (String key : en) {
            assertTrue(ArticleFacts.KEYS.contains(key), "unknown fact " + key);
        }
        assertTrue(en.contains("conv.kernels"), "the 3 x 10 = 30 kernels example is worked out live");
    }

    @Test
    void everyShowMeLinkReachesALayerOfTinyVgg() {
        for (String lang : LANGUAGES) {
            Article a = Article.load(lang, ArticleFacts.of(coffee.network(), coffee, Locale.ENGLISH));
            int links = 0;
            for (Article.Section s : a.sections()) {
                for (String ref : references(s)) {
                    if (ref.startsWith("link:layer:")) {
                        assertTrue(
                                ArticleLinks.layer(ref.substring(5), coffee.network())
                                        .isPresent(),
                                lang + " " + ref);
                        links++;
                    } else if (ref.startsWith("link:section:")) {
                        assertTrue(
                                a.section(ArticleLinks.section(ref.substring(5)))
                                        .isPresent(),
                                lang + " " + ref);
                    } else if (ref.startsWith("link:mode:")) {
                        String mode = ArticleLinks.mode(ref.substring(5));
                        assertTrue(
                                Arrays.stream(WorkspaceMode.values())
                                        .anyMatch(m -> m.name().equalsIgnoreCase(mode)),
                                lang + " " + ref);
                    } else if (ref.startsWith("link:")) {
                        throw new AssertionError("the article links outside the app: " + ref);
                    }
                }
            }
            assertTrue(links >= 7, lang + " has a show-me link in every section about a layer: " + links);
        }
        assertEquals(1, ArticleLinks.layer("layer:first-conv", coffee.network()).getAsInt());
        assertEquals(
                coffee.network().indexOf("max_pool_1"),
                ArticleLinks.layer("layer:first-pool", coffee.network()).getAsInt());
        assertEquals(
                coffee.network().indexOf("relu_2_2"),
                ArticleLinks.layer("layer:relu_2_2", coffee.network()).getAsInt());
        assertThrows(IllegalArgumentException.class, () -> ArticleLinks.layer("layer:nonsense", coffee.network()));
    }

    @Test
    void theAttributionSectionLinksToTheAttributionMode() {
        for (String lang : LANGUAGES) {
            Article a = Article.parse(Article.read(lang));
            assertTrue(
                    references(a.section(Article.ATTRIBUTION).orElseThrow()).contains("link:mode:attribution"), lang);
        }
        assertEquals("attribution", ArticleLinks.mode("mode:attribution"));
        assertEquals(null, ArticleLinks.mode("section:relu"));
    }

    @Test
    void factsAreWorkedOutFromTheModelAndTheImage() {
        Map<String, String> f = ArticleFacts.of(coffee.network(), coffee, Locale.ENGLISH);
        assertEquals("conv_1_1", f.get("conv.name"));
        assertEquals("3", f.get("conv.in"));
        assertEquals("10", f.get("conv.out"));
        assertEquals("30", f.get("conv.kernels"));
        assertEquals("270", f.get("conv.weights"));
        assertEquals("280", f.get("conv.params"));
        assertEquals("122,880", f.get("input.dense"));
        assertEquals("64 \u00d7 64 \u00d7 3", f.get("input.shape"));
        assertEquals("62 \u00d7 62 \u00d7 10", f.get("conv.outShape"));
        assertEquals("4", f.get("conv.layers"));
        assertEquals("330", f.get("conv.allKernels")); // 3x10 + 3 x (10x10)
        assertEquals("19,920", f.get("model.params"));
        assertEquals("60 \u00d7 60 \u00d7 10", f.get("pool.inShape"));
        assertEquals("36,000", f.get("pool.inValues"));
        assertEquals("9,000", f.get("pool.outValues"));
        assertEquals("75", f.get("pool.discardedPercent"));
        assertEquals("1,690", f.get("flatten.out"));
        assertEquals("16,900", f.get("dense.weights"));
        assertEquals("espresso", f.get("top.class"));
        // ReLU's zeros counted independently: values of relu_1_1 that are exactly 0.
        LayerActivation relu = coffee.layer("relu_1_1");
        int zeros = 0;
        for (int i = 0; i < relu.size(); i++) {
            zeros += relu.value(i) == 0 ? 1 : 0;
        }
        assertEquals(String.format(Locale.ENGLISH, "%,d", zeros), f.get("relu.zeroed"));
        assertEquals(
                String.format(Locale.ENGLISH, "%.1f", 100.0 * zeros / relu.size())
                        .replaceAll("\\.0$", ""),
                f.get("relu.zeroedPercent"));
        assertEquals(
                String.format(Locale.ENGLISH, "%.1f", 100 * coffee.probability(coffee.topClass()))
                        .replaceAll("\\.0$", ""),
                f.get("top.percent"));
        assertEquals(ArticleFacts.KEYS.size(), f.size(), "every key has a value");
    }

    @Test
    void aNetworkWithoutPoolingGetsDashesNotWrongNumbers() {
        ActivationSnapshot s = ReferenceNetwork.input(new Shape(1, 6, 6), 7L)
                .convolution("c", 2, new Window(3, 3), new Window(1, 1), Padding.NONE)
                .relu("r")
                .flatten()
                .output("out", 3);
        Map<String, String> f = ArticleFacts.of(s.network(), s, Locale.ENGLISH);
        assertEquals("2", f.get("conv.kernels"));
        assertEquals(ArticleFacts.NONE, f.get("pool.name"));
        assertEquals(ArticleFacts.NONE, f.get("pool.discardedPercent"));
        String filled = Article.fill("pooling keeps {{pool.outValues}}", f);
        assertEquals("pooling keeps " + ArticleFacts.NONE, filled);
        assertThrows(IllegalArgumentException.class, () -> Article.fill("{{no.such.fact}}", f));
    }

    @Test
    void everyLayerKindHasASection() {
        for (LayerKind kind : LayerKind.values()) {
            assertTrue(SECTIONS.contains(Article.sectionFor(kind)), kind.name());
        }
    }
}
