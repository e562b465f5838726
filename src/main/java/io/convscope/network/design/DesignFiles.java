package io.convscope.network.design;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes architecture descriptions: JSON, or YAML for files ending in {@code .yaml} / {@code .yml}. Every
 * mistake is one sentence naming the file, the block and the field: {@code net.json: block 2 (conv): kernel 0 is
 * outside 1 to 11}. Missing optional fields take the defaults a student would expect (3 x 3 kernels, stride 1, no
 * padding, ReLU; 2 x 2 max pooling with stride 2).
 */
public final class DesignFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    /** A description is a few hundred bytes; anything this large is another kind of file. */
    private static final long MAX_BYTES = 1 << 20;

    private static final Set<String> TOP = Set.of("name", "inputSize", "channels", "classes", "blocks");
    private static final Set<String> CONV =
            Set.of("type", "filters", "kernel", "stride", "padding", "activation", "batchNorm");
    private static final Set<String> POOL = Set.of("type", "mode", "size", "stride");
    private static final Set<String> GLOBAL_POOL = Set.of("type", "mode");
    private static final Set<String> DENSE = Set.of("type", "units", "activation");
    private static final Set<String> DROPOUT = Set.of("type", "rate");

    private DesignFiles() {}

    /** {@code tinyvgg} (the ready-made description) or a JSON / YAML file. */
    public static ArchitectureDesign resolve(String idOrFile) throws DesignException {
        ArchitectureDesign builtIn = ArchitectureDesign.builtIn(idOrFile);
        return builtIn != null ? builtIn : read(Path.of(idOrFile));
    }

    public static ArchitectureDesign read(Path file) throws DesignException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new DesignException(file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; give a JSON or YAML architecture description, or " + ArchitectureDesign.TINY_VGG);
        }
        JsonNode tree;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new DesignException(
                        name + " is larger than 1 MB; an architecture description is a small " + "JSON or YAML file");
            }
            boolean yaml = name.toLowerCase(Locale.ROOT).matches(".*\\.ya?ml");
            tree = (yaml ? YAML : JSON).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DesignException(name + " is not valid " + (name.matches("(?i).*\\.ya?ml") ? "YAML" : "JSON")
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new DesignException(name + " cannot be read");
        }
        return parse(tree, name);
    }

    /** A description from its JSON tree; {@code source} names it in messages. Checks every field and the shapes. */
    public static ArchitectureDesign parse(JsonNode tree, String source) throws DesignException {
        try {
            ArchitectureDesign design = design(tree);
            // the checks need a class count; the data set supplies it when the description leaves it out
            (design.classes() == null ? design.withClasses(DesignPlan.MIN_CLASSES) : design).layers();
            return design;
        } catch (DesignException e) {
            throw source == null || source.isEmpty() ? e : e.in(source);
        }
    }

    private static ArchitectureDesign design(JsonNode tree) throws DesignException {
        if (tree == null || !tree.isObject()) {
            throw new DesignException(
                    "the description must be an object with inputSize, channels, classes and " + "blocks");
        }
        known(tree, TOP, "");
        JsonNode named = tree.path("name");
        if (!named.isMissingNode() && !named.isNull() && !named.isTextual()) {
            throw new DesignException("name " + shown(named) + " is not a text in quotes");
        }
        String name = named.isTextual() ? named.asText() : "Designed network";
        int input = integer(tree, "inputSize", "", 64);
        int channels = integer(tree, "channels", "", 3);
        Integer classes = tree.has("classes") && !tree.get("classes").isNull() ? integer(tree, "classes", "", 0) : null;
        JsonNode blocks = tree.get("blocks");
        if (blocks == null || !blocks.isArray()) {
            throw new DesignException("blocks is missing: a list of conv, pool, globalPool, dense and dropout blocks");
        }
        List<Block> list = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            list.add(block(blocks.get(i), "block " + (i + 1)));
        }
        return new ArchitectureDesign(name, input, channels, classes, list);
    }

    private static Block block(JsonNode b, String at) throws DesignException {
        String word = b.path("type").asText("").strip();
        if (!b.isObject() || !b.path("type").isTextual() || word.isEmpty() || word.equals("null")) {
            throw new DesignException(at + " must be an object with a type: conv, pool, globalPool, dense or dropout");
        }
        String type = b.get("type").asText();
        String where = at + " (" + word(type) + "): ";
        switch (type) {
            case "conv" -> {
                known(b, CONV, where);
                int kernel = integer(b, "kernel", where, 3);
                return new Block.Conv(
                        integer(b, "filters", where, null),
                        kernel,
                        integer(b, "stride", where, 1),
                        padding(b.get("padding"), where),
                        text(b, "activation", where, "relu"),
                        bool(b, "batchNorm", where));
            }
            case "pool" -> {
                known(b, POOL, where);
                int size = integer(b, "size", where, 2);
                return new Block.Pool(mode(b, where, Block.PoolMode.MAX), size, integer(b, "stride", where, size));
            }
            case "globalPool", "global_pool" -> {
                known(b, GLOBAL_POOL, where);
                return new Block.GlobalPool(mode(b, where, Block.PoolMode.AVG));
            }
            case "dense" -> {
                known(b, DENSE, where);
                return new Block.Dense(integer(b, "units", where, null), text(b, "activation", where, "relu"));
            }
            case "dropout" -> {
                known(b, DROPOUT, where);
                JsonNode rate = b.get("rate");
                if (rate == null || !rate.isNumber()) {
                    throw new DesignException(where + "rate "
                            + (rate == null || rate.isNull() ? "is missing" : shown(rate) + " is not a number")
                            + " (the share of values zeroed while training, e.g. 0.5)");
                }
                return new Block.Dropout(rate.asDouble());
            }
            default -> throw new DesignException(
                    at + ": type \"" + word(type) + "\" is not one of conv, pool, globalPool, dense, dropout");
        }
    }

    private static Block.Padding padding(JsonNode p, String where) throws DesignException {
        if (p == null || p.isNull()) {
            return Block.Padding.VALID;
        }
        if (p.isTextual() && p.asText().equalsIgnoreCase("same")) {
            return Block.Padding.SAME;
        }
        if (p.isTextual() && p.asText().equalsIgnoreCase("valid")) {
            return Block.Padding.VALID;
        }
        if (p.isIntegralNumber() && p.canConvertToInt()) {
            return Block.Padding.of(p.asInt());
        }
        throw new DesignException(where + "padding " + shown(p) + " is not \"same\", \"valid\" or a whole number");
    }

    private static Block.PoolMode mode(JsonNode b, String where, Block.PoolMode fallback) throws DesignException {
        String m = text(b, "mode", where, fallback.word());
        return switch (m) {
            case "max" -> Block.PoolMode.MAX;
            case "avg", "average" -> Block.PoolMode.AVG;
            default -> throw new DesignException(where + "mode \"" + m + "\" is not max or avg");
        };
    }

    private static int integer(JsonNode o, String field, String where, Integer fallback) throws DesignException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new DesignException(where + field + " is missing");
            }
            return fallback;
        }
        if (v.isIntegralNumber() && !v.canConvertToInt()) {
            throw new DesignException(where + field + " " + shown(v) + " is far outside the sizes a network can have");
        }
        if (!v.isIntegralNumber()) {
            throw new DesignException(where + field + " " + shown(v) + " is not a whole number");
        }
        return v.asInt();
    }

    private static String text(JsonNode o, String field, String where, String fallback) throws DesignException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new DesignException(where + field + " " + shown(v) + " is not a word in quotes");
        }
        return v.asText().trim().toLowerCase(Locale.ROOT);
    }

    private static boolean bool(JsonNode o, String field, String where) throws DesignException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new DesignException(where + field + " " + shown(v) + " is not true or false");
        }
        return v.asBoolean();
    }

    private static void known(JsonNode o, Set<String> fields, String where) throws DesignException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new DesignException(where + "unknown field \"" + word(f) + "\" (expected "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A name the user wrote, cut short, with characters that are no part of a name shown as '?'. */
    private static String word(String s) {
        String w = s.replaceAll("[^\\p{L}\\p{N}_ .-]", "?");
        return w.length() > 40 ? w.substring(0, 37) + "..." : w;
    }

    private static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** The description as JSON, every default written out, so a model's metadata records exactly what was built. */
    public static ObjectNode toJson(ArchitectureDesign d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", d.name());
        o.put("inputSize", d.inputSize());
        o.put("channels", d.channels());
        if (d.classes() != null) {
            o.put("classes", d.classes());
        }
        ArrayNode blocks = o.putArray("blocks");
        for (Block b : d.blocks()) {
            ObjectNode n = blocks.addObject().put("type", b.type());
            if (b instanceof Block.Conv c) {
                n.put("filters", c.filters()).put("kernel", c.kernel()).put("stride", c.stride());
                n.set("padding", JSON.valueToTree(c.padding().written()));
                n.put("activation", c.activation()).put("batchNorm", c.batchNorm());
            } else if (b instanceof Block.Pool p) {
                n.put("mode", p.mode().word()).put("size", p.size()).put("stride", p.stride());
            } else if (b instanceof Block.GlobalPool g) {
                n.put("mode", g.mode().word());
            } else if (b instanceof Block.Dense dense) {
                n.put("units", dense.units()).put("activation", dense.activation());
            } else if (b instanceof Block.Dropout dropout) {
                n.put("rate", dropout.rate());
            }
        }
        return o;
    }
}
