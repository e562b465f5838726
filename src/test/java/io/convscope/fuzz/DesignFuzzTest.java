package io.convscope.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.convscope.engine.CompiledNetwork;
import io.convscope.engine.DesignedNetworks;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import io.convscope.network.design.DesignException;
import io.convscope.network.design.DesignFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds the architecture-description reader thousands of damaged descriptions, JSON and YAML, made from designs this
 * test writes itself (Tiny VGG, strides and padding, batch norm, dropout, global pooling, dense layers): fields
 * deleted, retyped, made huge, negative or NaN, text cut short or flipped. Every input must be refused with a
 * DesignException whose message is a sentence, or be accepted, planned, turned into a DL4J configuration and (when
 * small) built, initialised and compiled by our forward pass, in under 5 s.
 * Run: {@code mvn -B -Pfuzz test -Dtest=DesignFuzzTest -Dfuzz.designs=N}.
 */
class DesignFuzzTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Designs up to this many parameters are also initialised and compiled, which costs time for big ones. */
    private static final long BUILD_LIMIT = 300_000;

    static List<ArchitectureDesign> seeds() {
        return List.of(
                ArchitectureDesign.tinyVgg(10),
                new ArchitectureDesign(
                        "strided",
                        35,
                        3,
                        4,
                        List.of(
                                new Block.Conv(6, 5, 2, Block.Padding.SAME, "relu", true),
                                new Block.Conv(7, 3, 2, Block.Padding.of(1), "tanh", false),
                                new Block.Pool(Block.PoolMode.AVG, 3, 2),
                                new Block.Dropout(0.25),
                                new Block.GlobalPool(Block.PoolMode.MAX),
                                new Block.Dense(12, "relu"))),
                new ArchitectureDesign(
                        "grey",
                        32,
                        1,
                        2,
                        List.of(
                                new Block.Conv(4, 3, 1, Block.Padding.SAME, "leaky_relu", false),
                                new Block.Pool(Block.PoolMode.MAX, 2, 2),
                                new Block.Dense(8, "sigmoid"),
                                new Block.Dropout(0.5),
                                new Block.Dense(6, "relu6"))),
                new ArchitectureDesign(
                        "deep",
                        64,
                        3,
                        null,
                        List.of(
                                new Block.Conv(8, 3, 1, Block.Padding.SAME, "relu", true),
                                new Block.Conv(8, 3, 1, Block.Padding.SAME, "relu", true),
                                new Block.Pool(Block.PoolMode.MAX, 2, 2),
                                new Block.Conv(16, 3, 2, Block.Padding.VALID, "identity", false),
                                new Block.GlobalPool(Block.PoolMode.AVG))));
    }

    @Test
    void damagedDescriptionsAreBuiltOrRefusedWithASentence(@TempDir Path dir) throws Exception {
        int iterations = FuzzSupport.iterations("fuzz.designs", 3_000);
        long seed = Long.getLong("fuzz.seed", 20261206L);
        List<JsonNode> seeds = new ArrayList<>();
        for (ArchitectureDesign d : seeds()) {
            seeds.add(DesignFiles.toJson(d));
        }
        Random rng = new Random(seed);
        try (FuzzSupport.Runner runner = new FuzzSupport.Runner("DesignFuzzTest (seed " + seed + ")")) {
            for (int i = 0; i < iterations; i++) {
                JsonNode tree = FuzzSupport.mutateJson(
                        seeds.get(rng.nextInt(seeds.size())).deepCopy(), rng);
                shuffleBlocks(tree, rng);
                boolean yaml = rng.nextBoolean();
                String text =
                        FuzzSupport.damageText(yaml ? YAML.writeValueAsString(tree) : FuzzSupport.text(tree), rng);
                Path file = dir.resolve("case" + i + (yaml ? ".yaml" : ".json"));
                Files.writeString(file, text);
                runner.run("case " + i + " (seed " + seed + ")", () -> build(file), DesignException.class::isInstance);
                Files.delete(file);
            }
            System.out.println(runner.summary());
            assertTrue(runner.failures().isEmpty(), runner.summary());
        }
    }

    /** Now and then the blocks in another order: dense before conv, pooling first, global pooling twice. */
    private static void shuffleBlocks(JsonNode tree, Random rng) {
        JsonNode blocks = tree.path("blocks");
        if (rng.nextInt(6) == 0 && blocks.isArray() && blocks.size() > 1) {
            List<JsonNode> list = new ArrayList<>();
            blocks.forEach(list::add);
            Collections.shuffle(list, rng);
            ArrayNode array = (ArrayNode) blocks;
            array.removeAll();
            list.forEach(array::add);
        }
    }

    private static String build(Path file) throws Exception {
        ArchitectureDesign d = DesignFiles.read(file);
        if (d.classes() == null) {
            d = d.withClasses(3);
        }
        long params = d.parameterCount();
        DesignedNetworks.configuration(d, 1);
        if (params > BUILD_LIMIT) {
            return "planned and configured";
        }
        MultiLayerNetwork net = DesignedNetworks.build(d, 1);
        if (net.numParams() != params) {
            throw new IllegalStateException("planned " + params + " parameters, DL4J has " + net.numParams());
        }
        CompiledNetwork.compile(net, d.inputShape(), Collections.nCopies(d.classes(), "c"), "fuzz");
        return "built and compiled";
    }
}
