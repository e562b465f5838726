package io.convscope.explain.article;

import io.convscope.network.LayerKind;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Learn article: Markdown written by us, one file per language, split into sections at each level-2 heading
 * ({@code ## Title {#id}}). Live figures come in as fenced blocks ({@code ```figure relu-plot}), formulas as fenced
 * {@code math} blocks or inline code starting with {@code $}, live numbers as {@code {{key}}} placeholders filled from
 * {@link ArticleFacts}, and links to the network as {@code layer:...} or to other sections as {@code section:...}.
 */
public final class Article {

    /** Where the Markdown files live: {@code article_<language tag>.md}. */
    public static final String RESOURCE_DIR = "/io/convscope/learn/";
    /** Section ids the views link to; every language must have all of them. */
    public static final String INTRO = "cnn";

    public static final String WHY_CONVOLUTION = "why-convolution";
    public static final String INPUT = "input";
    public static final String CONVOLUTION = "convolution";
    public static final String HYPERPARAMETERS = "hyperparameters";
    public static final String RELU = "relu";
    public static final String SOFTMAX = "softmax";
    public static final String POOLING = "pooling";
    public static final String FLATTEN = "flatten";
    public static final String BRANCHES = "branches";
    public static final String MAP_OUTPUTS = "map-outputs";
    /** Why the network decided: attribution maps, their limits and the sanity check (issue 16). */
    public static final String ATTRIBUTION = "attribution";

    public static final String USING = "using";
    /** How a network learns (loss, gradient, optimisers, overfitting); the Train workspace links here. */
    public static final String TRAINING = "training";

    private static final Pattern SECTION_ID = Pattern.compile("\\s*\\{#([a-z0-9-]+)}\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9_.]+)}}");

    /** One section: its id (for links), its title and its Markdown blocks, heading excluded. */
    public record Section(String id, String title, List<Node> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    private final String title;
    private final List<Section> sections;

    private Article(String title, List<Section> sections) {
        this.title = title;
        this.sections = List.copyOf(sections);
    }

    /** Reads the article of a language and fills its placeholders. */
    public static Article load(String languageTag, Map<String, String> facts) {
        return parse(fill(read(languageTag), facts));
    }

    /** Raw Markdown per language: read once, as the Learn panel refills the article on every image change. */
    private static final Map<String, String> RAW = new ConcurrentHashMap<>();

    /** The raw Markdown of a language, placeholders unfilled. */
    public static String read(String languageTag) {
        return RAW.computeIfAbsent(languageTag, Article::readResource);
    }

    private static String readResource(String languageTag) {
        String resource = RESOURCE_DIR + "article_" + languageTag + ".md";
        try (InputStream in = Article.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No article for language " + languageTag);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every {@code {{key}}}; a key without a fact is a bug in the article, so it fails loudly. */
    public static String fill(String markdown, Map<String, String> facts) {
        Matcher m = PLACEHOLDER.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("The article uses an unknown fact: " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholder keys a Markdown text uses, in order of appearance. */
    public static List<String> placeholders(String markdown) {
        List<String> keys = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(markdown);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    public static Article parse(String markdown) {
        Node document = Parser.builder().build().parse(markdown);
        String title = "";
        List<Section> sections = new ArrayList<>();
        String id = null;
        String sectionTitle = null;
        List<Node> blocks = new ArrayList<>();
        Node n = document.getFirstChild();
        while (n != null) {
            Node next = n.getNext();
            if (n instanceof Heading h && h.getLevel() == 1) {
                title = plainText(h);
            } else if (n instanceof Heading h && h.getLevel() == 2) {
                if (id != null) {
                    sections.add(new Section(id, sectionTitle, blocks));
                }
                String text = plainText(h);
                Matcher m = SECTION_ID.matcher(text);
                if (!m.find()) {
                    throw new IllegalArgumentException("Section without an id: " + text);
                }
                id = m.group(1);
                sectionTitle = text.substring(0, m.start()).trim();
                blocks = new ArrayList<>();
            } else if (id != null) {
                blocks.add(n);
            }
            n = next;
        }
        if (id != null) {
            sections.add(new Section(id, sectionTitle, blocks));
        }
        return new Article(title, sections);
    }

    /** The text of a node and its children, markup dropped. */
    public static String plainText(Node node) {
        StringBuilder sb = new StringBuilder();
        collect(node, sb);
        return sb.toString();
    }

    private static void collect(Node node, StringBuilder sb) {
        if (node instanceof Text t) {
            sb.append(t.getLiteral());
        } else if (node instanceof Code c) {
            sb.append(c.getLiteral());
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            collect(c, sb);
        }
    }

    public String title() {
        return title;
    }

    public List<Section> sections() {
        return sections;
    }

    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The section that explains a kind of layer (a layer label or a view's info button opens it). */
    public static String sectionFor(LayerKind kind) {
        return switch (kind) {
            case INPUT -> INPUT;
            case CONVOLUTION, ZERO_PADDING -> CONVOLUTION;
            case ACTIVATION, BATCH_NORM, LOCAL_RESPONSE_NORM -> RELU;
            case MAX_POOL, AVERAGE_POOL, UPSAMPLE -> POOLING;
            case FLATTEN, DENSE, L2_NORMALIZE -> FLATTEN;
            case ADD, MERGE, CONCAT, SCALE -> BRANCHES;
            case SPACE_TO_DEPTH, DETECTION -> MAP_OUTPUTS;
            case OUTPUT -> SOFTMAX;
        };
    }
}
