package io.convscope.engine.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convscope.engine.AtomicFiles;
import io.convscope.engine.ModelMetadata;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Everything a training run in the app is made of: the data folder, the architecture, and the hyperparameters. Saved
 * and reopened as a small JSON file (written atomically), so a student can repeat or share a run; every field is
 * checked on reading and a mistake is one sentence naming the file and the field.
 *
 * @param data   the data set folder, or null before one is chosen
 * @param design the architecture; its class count is the data set's and is not kept
 */
public record RunSettings(
        Path data,
        ArchitectureDesign design,
        int epochs,
        int batchSize,
        double learningRate,
        TrainingRecipe.OptimiserKind optimiser,
        TrainingRecipe.ScheduleKind schedule,
        boolean augment,
        long seed) {

    public static final int MAX_EPOCHS = 1000;
    public static final int MAX_BATCH = 4096;
    /** The format this version writes; a file of a later one is refused rather than half understood. */
    static final int FORMAT = 1;

    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> FIELDS = Set.of(
            "convscopeRun",
            "data",
            "architecture",
            "epochs",
            "batchSize",
            "learningRate",
            "optimiser",
            "schedule",
            "augment",
            "seed");

    /**
     * The recipe the bundled Tiny VGG was trained with (its README command): 20 epochs, batches of 32, AdamW at
     * 0.002 with cosine decay, augmentation, seed 42.
     */
    public static RunSettings defaults(Path data) {
        TrainingRecipe standard = TrainingRecipe.standard(0.002);
        return new RunSettings(
                data,
                ArchitectureDesign.tinyVgg(null),
                20,
                32,
                standard.learningRate(),
                standard.optimiser(),
                standard.schedule(),
                standard.augment(),
                42);
    }

    /**
     * The trainer's recipe for these settings: weight decay 1e-4 as the standard recipe; the step schedule divides
     * the rate by 10 after each third of the run (the other schedules keep the standard recipe's unused setting, so
     * the defaults are exactly the {@code train} command's recipe).
     */
    public TrainingRecipe recipe() {
        TrainingRecipe standard = TrainingRecipe.standard(learningRate);
        int stepEvery = schedule == TrainingRecipe.ScheduleKind.STEP ? Math.max(1, epochs / 3) : standard.stepEvery();
        return new TrainingRecipe(optimiser, learningRate, schedule, 0, stepEvery, 0.1, 1e-4, 0, 0, augment);
    }

    public RunSettings withData(Path folder) {
        return new RunSettings(folder, design, epochs, batchSize, learningRate, optimiser, schedule, augment, seed);
    }

    public RunSettings withDesign(ArchitectureDesign d) {
        return new RunSettings(data, d, epochs, batchSize, learningRate, optimiser, schedule, augment, seed);
    }

    public RunSettings withEpochs(int count, int batch) {
        return new RunSettings(data, design, count, batch, learningRate, optimiser, schedule, augment, seed);
    }

    /** The numbers checked as {@link #read} checks them: a sentence naming the field, or null when all are fine. */
    public String problem() {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            return "epochs " + epochs + " is outside 1 to " + MAX_EPOCHS;
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            return "batchSize " + batchSize + " is outside 1 to " + MAX_BATCH;
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            return "learningRate " + learningRate + " must be above 0 and at most 1";
        }
        return null;
    }

    /** Writes the settings as JSON, atomically (a crash leaves the old file or the new one). */
    public void write(Path file) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("convscopeRun", FORMAT);
        if (data != null) {
            o.put("data", data.toAbsolutePath().normalize().toString());
        }
        ObjectNode arch = DesignFiles.toJson(design);
        arch.remove("classes");
        o.set("architecture", arch);
        o.put("epochs", epochs).put("batchSize", batchSize).put("learningRate", learningRate);
        o.put("optimiser", word(optimiser)).put("schedule", word(schedule));
        o.put("augment", augment).put("seed", seed);
        AtomicFiles.write(file, out -> ModelMetadata.JSON.writeValue(out, o));
    }

    /**
     * Reads settings written by {@link #write}; a field left out takes its default. Every problem is one sentence
     * naming the file and the field (an unknown field included, so a misspelt one is not silently ignored).
     */
    public static RunSettings read(Path file) throws IOException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new IOException(name + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(name + " is larger than 1 MB; run settings are a small JSON file");
        }
        JsonNode tree;
        try {
            tree = ModelMetadata.JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(name + " is not valid JSON"
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (tree == null || !tree.isObject() || !tree.has("convscopeRun")) {
            throw new IOException(name + " is not a ConvScope run-settings file (it has no convscopeRun field)");
        }
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IOException(name + ": unknown field " + field + "; the fields are " + FIELDS);
            }
        }
        if (!tree.get("convscopeRun").canConvertToInt()
                || tree.get("convscopeRun").asInt() != FORMAT) {
            throw new IOException(name + " was written by a newer ConvScope (format " + tree.get("convscopeRun")
                    + "); this one reads format " + FORMAT);
        }
        RunSettings d = defaults(null);
        Path data = tree.hasNonNull("data") ? Path.of(text(tree, "data", name)) : null;
        ArchitectureDesign design;
        try {
            design = tree.has("architecture")
                    ? DesignFiles.parse(tree.get("architecture"), name + ": architecture")
                    : d.design();
        } catch (DesignException e) {
            throw new IOException(e.getMessage(), e);
        }
        RunSettings s = new RunSettings(
                data,
                design,
                (int) whole(tree, "epochs", d.epochs(), name),
                (int) whole(tree, "batchSize", d.batchSize(), name),
                number(tree, "learningRate", d.learningRate(), name),
                kind(tree, "optimiser", TrainingRecipe.OptimiserKind.class, d.optimiser(), name),
                kind(tree, "schedule", TrainingRecipe.ScheduleKind.class, d.schedule(), name),
                flag(tree, "augment", d.augment(), name),
                whole(tree, "seed", d.seed(), name));
        String problem = s.problem();
        if (problem != null) {
            throw new IOException(name + ": " + problem);
        }
        return s;
    }

    private static String text(JsonNode tree, String field, String name) throws IOException {
        JsonNode v = tree.get(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IOException(name + ": " + field + " " + v + " is not a folder name");
        }
        return v.asText();
    }

    private static long whole(JsonNode tree, String field, long fallback, String name) throws IOException {
        JsonNode v = tree.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IOException(name + ": " + field + " " + v + " is not a whole number");
        }
        long x = v.asLong();
        if (!field.equals("seed") && (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)) {
            throw new IOException(name + ": " + field + " " + v + " is far too large");
        }
        return x;
    }

    private static double number(JsonNode tree, String field, double fallback, String name) throws IOException {
        JsonNode v = tree.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IOException(name + ": " + field + " " + v + " is not a number");
        }
        return v.asDouble();
    }

    private static boolean flag(JsonNode tree, String field, boolean fallback, String name) throws IOException {
        JsonNode v = tree.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IOException(name + ": " + field + " " + v + " is not true or false");
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E kind(JsonNode tree, String field, Class<E> type, E fallback, String name)
            throws IOException {
        JsonNode v = tree.get(field);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (v.isTextual() && word(e).equals(v.asText().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        StringBuilder words = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            words.append(words.length() == 0 ? "" : ", ").append(word(e));
        }
        throw new IOException(name + ": " + field + " " + v + " is not one of " + words);
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
