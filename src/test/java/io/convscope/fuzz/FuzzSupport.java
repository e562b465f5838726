package io.convscope.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the fuzz harnesses share: a seeded JSON mutator, the check that an error message reads as a sentence for the
 * user and not as a program's internals, and a runner that times every input and tallies the outcomes.
 */
final class FuzzSupport {

    /** Slowest a single input may be. A benchmark-like bound: it belongs in this harness only, never in the tests. */
    static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Words that only a program's internals produce. */
    private static final Pattern RAW = Pattern.compile(
            "[A-Z][A-Za-z]*(Exception|Error)\\b|Cannot invoke|\\bnull\\b|Index \\d|fromIndex|toIndex|std::|\\bjava\\.|"
                    + "\\borg\\.[a-z]|\\tat |\\$|@[0-9a-f]{5,}|integer overflow|/ by zero|For input string");

    private FuzzSupport() {}

    /** Why {@code message} is not a sentence for the user, or null when it is one. */
    static String rawness(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        if (message.lines().count() > 1) {
            return "more than one line";
        }
        var m = RAW.matcher(message);
        if (m.find()) {
            return "contains '" + m.group() + "'";
        }
        String last = message.substring(message.lastIndexOf(':') + 1).strip();
        if (last.matches("-?\\d+") || message.strip().matches("-?\\d+")) {
            return "ends in a bare number";
        }
        return null;
    }

    /** Numbers that break careless code. */
    static final String[] NASTY_NUMBERS = {
        "0",
        "-1",
        "1",
        "2",
        "-2147483648",
        "2147483647",
        "2147483648",
        "3000000000",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999",
        "1e308",
        "-1e308",
        "1.5",
        "0.0001",
        "65536",
        "100000",
        "46341"
    };

    // ------------------------------------------------------------------ JSON mutations

    /** One to three structural mutations of {@code root} (a copy is changed): delete, replace, retype fields. */
    static JsonNode mutateJson(JsonNode root, Random rng) {
        JsonNode copy = root.deepCopy();
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            mutateOnce(copy, rng);
        }
        return copy;
    }

    private static void mutateOnce(JsonNode root, Random rng) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(rng.nextInt(containers.size()));
        if (parent instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(rng.nextInt(names.size()));
            switch (rng.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name, retype(o.get(name), rng));
                default -> o.set(name, nasty(o.get(name), rng));
            }
        } else if (parent instanceof ArrayNode a && a.size() > 0) {
            int index = rng.nextInt(a.size());
            switch (rng.nextInt(5)) {
                case 0 -> a.remove(index);
                case 1 -> a.insert(index, a.get(index).deepCopy());
                case 2 -> a.set(index, retype(a.get(index), rng));
                case 3 -> a.removeAll();
                default -> a.set(index, nasty(a.get(index), rng));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    /** A value of another JSON type than {@code v}. */
    private static JsonNode retype(JsonNode v, Random rng) {
        return switch (rng.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(v.isTextual() ? "12" : v.toString());
            case 2 -> NODES.arrayNode();
            case 3 -> NODES.objectNode();
            case 4 -> NODES.booleanNode(rng.nextBoolean());
            default -> NODES.arrayNode().add(v.deepCopy());
        };
    }

    /** A number that breaks careless code, or for text a string that does. */
    private static JsonNode nasty(JsonNode v, Random rng) {
        if (v.isTextual() && rng.nextBoolean()) {
            String[] texts = {
                "",
                "NaN",
                "same",
                "channels_first",
                "Conv2D",
                "float16",
                "../../x",
                "\u0000",
                "Dense",
                "sigmoid",
                "x".repeat(300)
            };
            return NODES.textNode(texts[rng.nextInt(texts.length)]);
        }
        if (rng.nextInt(4) == 0) {
            return NODES.numberNode(rng.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
        }
        String n = NASTY_NUMBERS[rng.nextInt(NASTY_NUMBERS.length)];
        if (n.contains(".") || n.contains("e")) {
            return NODES.numberNode(Double.parseDouble(n));
        }
        return NODES.numberNode(new BigInteger(n));
    }

    /** The JSON's text, written as Jackson does (NaN and Infinity as bare words, which some parsers accept). */
    static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Occasionally cuts the text short or flips a character, for parsers' sake. */
    static String damageText(String text, Random rng) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (rng.nextInt(8)) {
            case 0 -> text.substring(0, rng.nextInt(text.length()));
            case 1 -> {
                int i = rng.nextInt(text.length());
                yield text.substring(0, i) + (char) rng.nextInt(128) + text.substring(i + 1);
            }
            default -> text;
        };
    }

    // ------------------------------------------------------------------ running and tallying

    /** Runs inputs with a time limit each and counts what happened. */
    static final class Runner implements AutoCloseable {
        private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final List<String> failures = new ArrayList<>();
        /** Refusal messages with digits folded, to see which sentences users meet. */
        private final Map<String, Integer> messages = new TreeMap<>();

        private final String name;
        private int inputs;
        private long slowestNanos;
        private String slowest = "";

        Runner(String name) {
            this.name = name;
        }

        interface Input {
            /** Loads or analyses one input; returns a short outcome label; throws what the app throws. */
            String run() throws Throwable;
        }

        /**
         * Runs one input. {@code allowed} says whether a throwable is one of the app's own input errors; its message
         * must then read as a sentence.
         */
        void run(String label, Input input, Predicate<Throwable> allowed) {
            inputs++;
            long start = System.nanoTime();
            Future<String> f = worker.submit(() -> {
                try {
                    return input.run();
                } catch (Throwable t) {
                    throw new Wrapped(t);
                }
            });
            String outcome;
            try {
                outcome = f.get(LIMIT_NANOS * 12, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                fail(label, "did not finish within " + LIMIT_NANOS * 12 / 1_000_000_000 + " s");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                Throwable t = e.getCause() instanceof Wrapped w ? w.getCause() : e.getCause();
                if (!allowed.test(t)) {
                    fail(label, "threw " + t + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"));
                    outcome = "failed";
                } else {
                    String why = rawness(t.getMessage());
                    if (why != null) {
                        fail(label, "refused with a raw message (" + why + "): " + t.getMessage());
                    }
                    outcome = "refused: " + t.getClass().getSimpleName();
                    messages.merge(
                            String.valueOf(t.getMessage())
                                    .replaceAll("\\d+", "N")
                                    .replaceAll("case-N", "case"),
                            1,
                            Integer::sum);
                }
            }
            long took = System.nanoTime() - start;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = label;
            }
            if (took > LIMIT_NANOS) {
                fail(
                        label,
                        String.format(
                                Locale.ROOT, "took %.1f s (limit %d s)", took / 1e9, LIMIT_NANOS / 1_000_000_000));
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }

        private void fail(String label, String what) {
            failures.add(label + ": " + what);
        }

        List<String> failures() {
            return failures;
        }

        String summary() {
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%s: %,d inputs, %d failures, slowest %.2f s (%s)%n",
                    name,
                    inputs,
                    failures.size(),
                    slowestNanos / 1e9,
                    slowest));
            outcomes.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-40s %,7d%n", k, v)));
            sb.append(String.format(Locale.ROOT, "  %,d distinct refusals; the most common:%n", messages.size()));
            messages.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .limit(Integer.getInteger("fuzz.show", 15))
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey())));
            failures.stream()
                    .limit(40)
                    .forEach(f -> sb.append("  FAIL ").append(f).append('\n'));
            return sb.toString();
        }

        @Override
        public void close() {
            worker.shutdownNow();
        }

        private static final class Wrapped extends Exception {
            Wrapped(Throwable cause) {
                super(cause);
            }
        }
    }

    /** The iteration count: {@code -D<property>=N}, else {@code fallback}. */
    static int iterations(String property, int fallback) {
        return Integer.getInteger(property, fallback);
    }
}
