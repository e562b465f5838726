package io.convscope.bench;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.PassMemory;
import io.convscope.engine.PresetModels;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Heap after GC while one model runs many distinct images, as the app does (every snapshot offered to the engine's
 * byte-bounded cache) or as {@code predict} does (each snapshot dropped after use). Not a test: run it at the heap a
 * student has,
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; mvn -B -q test-compile
 * java -Xmx2g -cp target/convscope.jar:target/test-classes io.convscope.bench.HeapBenchmark vgg16 100 10 app
 * </pre>
 * Arguments: preset id, number of images (seeded 240 x 240 gradients with noise, written to a temporary folder),
 * report every N images, {@code app} or {@code predict}.
 */
public final class HeapBenchmark {

    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "vgg16";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean app = args.length <= 3 || args[3].equals("app");
        Path dir = Files.createTempDirectory("convscope-heap");
        for (int i = 0; i < images; i++) {
            ImageIO.write(
                    image(i),
                    "png",
                    dir.resolve(String.format(Locale.ROOT, "img%03d.png", i)).toFile());
        }
        var p = ArchitecturePresets.find(preset).orElseThrow();
        LoadedModel model = Inference.requireFits(PresetModels.load(p, p.displayName(), PresetModels.Progress.NONE));
        PassMemory pass = PassMemory.of(model.description());
        Inference inference = new Inference(model);
        System.out.printf(
                Locale.ROOT,
                "%s, -Xmx %d MB, %s path; one pass: %s (activations %s, im2col %s);" + " snapshot cache budget %d MB%n",
                p.displayName(),
                mb(Runtime.getRuntime().maxMemory()),
                app ? "app (cached)" : "predict (uncached)",
                PassMemory.readable(pass.total()),
                PassMemory.readable(pass.activations()),
                PassMemory.readable(pass.workspace()),
                mb(inference.cacheBudget()));
        System.out.printf(Locale.ROOT, "%8s %20s %14s%n", "images", "heap after GC (MB)", "cached (MB)");
        System.out.printf(Locale.ROOT, "%8d %20d %14d%n", 0, heapAfterGc(), 0);
        for (int i = 0; i < images; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "img%03d.png", i));
            if (app) {
                inference.run(file);
            } else {
                inference.runOnce(file);
            }
            if ((i + 1) % every == 0) {
                System.out.printf(Locale.ROOT, "%8d %20d %14d%n", i + 1, heapAfterGc(), mb(inference.cachedBytes()));
            }
        }
    }

    /** A distinct picture per seed: a colour gradient in a seeded direction with seeded noise. */
    public static BufferedImage image(int seed) {
        Random rng = new Random(seed);
        BufferedImage img = new BufferedImage(240, 240, BufferedImage.TYPE_INT_RGB);
        double angle = rng.nextDouble() * Math.PI * 2;
        int[] base = {rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)};
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 240; x++) {
                double t = ((x - 120) * Math.cos(angle) + (y - 120) * Math.sin(angle)) / 170.0;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int v = (int) (base[c] + 120 * t + rng.nextGaussian() * 20);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, v));
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }
}
