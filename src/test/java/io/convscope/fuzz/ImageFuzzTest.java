package io.convscope.fuzz;

import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutation fuzzing of the image preprocessor (run by {@code mvn -B -Pfuzz test -Dtest=ImageFuzzTest}): every
 * input must either preprocess to a 64 x 64 input or be refused with an {@link ImageInputException}, within 5 s.
 * Each input goes through both public entries, bytes (paste) and file. Inputs that fail are written to
 * target/fuzz-failures/images so they can be replayed.
 *
 * <p>{@code -Dfuzz.images.iterations} (default 20,000) and {@code -Dfuzz.seed} (default 12) choose the run.
 */
class ImageFuzzTest {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    @TempDir
    Path dir;

    @Test
    void everyMutatedImageIsPreprocessedOrRefusedWithASentence() throws Exception {
        int iterations = Integer.getInteger("fuzz.images.iterations", 20_000);
        long seed = Long.getLong("fuzz.seed", 12);
        Map<String, byte[]> seeds = ImageSeeds.all();
        List<String> names = new ArrayList<>(seeds.keySet());
        Random random = new Random(seed);
        ImageMutator mutator = new ImageMutator(random, new ArrayList<>(seeds.values()));

        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        long slowestNanos = -1;
        String slowest = "";
        long started = System.nanoTime();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        for (int i = 0; i < iterations; i++) {
            String seedName = names.get(i % names.size());
            StringBuilder log = new StringBuilder();
            byte[] input = i < names.size() ? seeds.get(seedName) : mutator.mutate(seeds.get(seedName), log);
            String label = "#" + i + " " + seedName + (log.length() == 0 ? "" : " (" + log + ")");
            Path file = Files.write(dir.resolve("input-" + seedName), input);
            for (boolean fromFile : new boolean[] {false, true}) {
                long start = System.nanoTime();
                Future<String> outcome = worker.submit(() -> preprocess(input, fromFile ? file : null, seedName));
                String result;
                try {
                    result = outcome.get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    outcome.cancel(true);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                    result = "hung for over 60 s";
                } catch (Exception e) {
                    result = "threw " + e.getCause();
                }
                long nanos = System.nanoTime() - start;
                if (nanos > slowestNanos) {
                    slowestNanos = nanos;
                    slowest = label + (fromFile ? " via file" : " via bytes") + ": " + result;
                }
                if (i < names.size() && !seedName.equals(ImageSeeds.UNDECODABLE) && !result.equals("ok")) {
                    failures.add(label + ": the unmutated seed is not preprocessed: " + result);
                } else if (result.startsWith("refused ")) {
                    refusals.merge(result.substring("refused ".length()), 1, Integer::sum);
                } else if (!result.equals("ok")) {
                    failures.add(label + ": " + result);
                    save(i, seedName, input);
                } else {
                    accepted++;
                }
                if (nanos > LIMIT_NANOS && (result.equals("ok") || result.startsWith("refused "))) {
                    failures.add(label + String.format(": took %.1f s", nanos / 1e9));
                    save(i, seedName, input);
                }
            }
        }
        worker.shutdownNow();

        System.out.printf(
                "Image fuzzing (seed %d): %,d inputs from %d seeds, each as bytes and as a file, in %.0f s%n",
                seed, iterations, names.size(), (System.nanoTime() - started) / 1e9);
        System.out.printf(
                "  preprocessed: %,d; refused: %,d%n",
                accepted, refusals.values().stream().mapToInt(Integer::intValue).sum());
        refusals.forEach((problem, count) -> System.out.printf("    %-22s %,d%n", problem, count));
        System.out.printf("  slowest: %.2f s, %s%n", slowestNanos / 1e9, slowest);
        System.out.printf(
                "  heap: peak %,d MB of a %,d MB limit (summed per pool); failures: %d%n",
                peakHeapMegabytes(), Runtime.getRuntime().maxMemory() >> 20, failures.size());
        failures.stream().limit(30).forEach(f -> System.out.println("  FAIL " + f));
        assertTrue(failures.isEmpty(), () -> failures.size() + " inputs failed, first: " + failures.get(0));
    }

    /** "ok", "refused PROBLEM", or what went wrong; only ImageInputException counts as a refusal. */
    private static String preprocess(byte[] input, Path file, String name) {
        try {
            BufferedImage upright =
                    file == null ? ImagePreprocessor.decode(input, name) : ImagePreprocessor.decode(file);
            float[] chw = ImagePreprocessor.toChw(ImagePreprocessor.resizeAndCrop(upright, 64, 64));
            return chw.length == 3 * 64 * 64 ? "ok" : "wrong input length " + chw.length;
        } catch (ImageInputException e) {
            String message = e.getMessage();
            return message.contains(name) && !message.contains("Exception")
                    ? "refused " + e.problem()
                    : "refusal without a plain sentence: " + message;
        } catch (Throwable t) {
            return "threw " + t;
        }
    }

    private static void save(int index, String seedName, byte[] input) {
        try {
            Path failures = Files.createDirectories(Path.of("target", "fuzz-failures", "images"));
            Files.write(failures.resolve(index + "-" + seedName), input);
        } catch (Exception e) {
            // Reporting the failure matters more than keeping its input.
        }
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "image-fuzz");
            thread.setDaemon(true);
            return thread;
        };
    }
}
