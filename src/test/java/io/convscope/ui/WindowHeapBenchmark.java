package io.convscope.ui;

import io.convscope.bench.HeapBenchmark;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Heap after GC while the real window (headless) shows VGG-16 on many distinct image files, as a student opening
 * one photo after another would. Not a test: run it at the heap a student has, with the test classpath,
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx2g -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
 *      -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.convscope.ui.WindowHeapBenchmark 100 10
 * </pre>
 * Arguments: number of images (seeded, see {@link HeapBenchmark}), report every N images.
 */
public final class WindowHeapBenchmark {

    private WindowHeapBenchmark() {}

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("convscope-window-heap");
        AppWindowTest.launch();
        WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().loadPreset("vgg16"))
                .get();
        WaitForAsyncUtils.waitFor(
                600,
                TimeUnit.SECONDS,
                () -> AppWindowTest.shown() != null
                        && AppWindowTest.shown().snapshot().network().name().startsWith("VGG-16"));
        System.out.printf(
                Locale.ROOT,
                "VGG-16 in the window, -Xmx %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%8s %20s%n", "images", "heap after GC (MB)");
        System.out.printf(Locale.ROOT, "%8d %20d%n", 0, heapAfterGc());
        for (int i = 0; i < images; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "img%03d.png", i));
            ImageIO.write(HeapBenchmark.image(i), "png", file.toFile());
            String key = "file:" + file.toAbsolutePath().normalize();
            WaitForAsyncUtils.asyncFx(() -> AppWindowTest.app.window().showFile(file))
                    .get();
            WaitForAsyncUtils.waitFor(
                    600, TimeUnit.SECONDS, () -> AppWindowTest.shown().key().equals(key));
            if ((i + 1) % every == 0) {
                System.out.printf(Locale.ROOT, "%8d %20d%n", i + 1, heapAfterGc());
            }
        }
        AppWindowTest.close();
        System.exit(0);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
