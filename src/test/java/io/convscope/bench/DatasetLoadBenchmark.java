package io.convscope.bench;

import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.network.Shape;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How long checking (decoding once) a data set's training images takes, what the byte-bounded cache then holds, how
 * long a later pass over every image takes (cache hits, or decoding again what the cache dropped) and the heap after
 * GC. Not a test: run it at the heap a student has,
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; mvn -B -q test-compile
 * java -Xmx1g -cp target/convscope.jar:target/test-classes io.convscope.bench.DatasetLoadBenchmark \
 *      ../shared/datasets/tiny-imagenet-10 64 256
 * </pre>
 * Arguments: the data set folder, the input side, the cache budget in MB.
 */
public final class DatasetLoadBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/datasets/tiny-imagenet-10");
        int side = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long budget = (args.length > 2 ? Long.parseLong(args[2]) : 256) << 20;
        Shape input = new Shape(3, side, side);
        ImageFolderDataset data = ImageFolderDataset.open(root);
        System.out.println(
                TrainingImages.estimate(data.train().size(), input, budget).sentence());
        long t0 = System.nanoTime();
        TrainingImages.Checked checked =
                TrainingImages.check(data.train(), input, budget, TrainingImages.Progress.NONE);
        double checkSeconds = (System.nanoTime() - t0) / 1e9;
        TrainingImages images = checked.images();
        System.out.printf(
                Locale.ROOT,
                "check: %,d images in %.2f s, %d skipped, cache %,.0f MB, heap after GC %,.0f MB%n",
                images.size(),
                checkSeconds,
                checked.skipped().size(),
                images.cachedBytes() / 1e6,
                heapAfterGc() / 1e6);
        for (int pass = 1; pass <= 2; pass++) {
            long t1 = System.nanoTime();
            double sum = 0;
            for (int i = 0; i < images.size(); i++) {
                sum += images.image(i)[0];
            }
            System.out.printf(
                    Locale.ROOT,
                    "pass %d over every image: %.2f s (checksum %.3f), heap after GC %,.0f MB%n",
                    pass,
                    (System.nanoTime() - t1) / 1e9,
                    sum,
                    heapAfterGc() / 1e6);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
