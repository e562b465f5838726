package io.convscope.engine.dataset;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.convscope.engine.ByteBoundedCache;
import io.convscope.engine.Inference;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.Shape;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Labelled images decoded when asked for, kept in a cache bounded by bytes: a data set of 200 classes at 224 x 224
 * (600 KB per decoded image) never has to fit in the heap, while a small one (Tiny ImageNet's 5,000 images, 245 MB)
 * is decoded once and then read from memory every epoch. {@link #check} decodes every image once, so unreadable
 * files are found and skipped before training rather than halfway through it. Safe to read from several threads.
 */
public final class TrainingImages {

    /** A file that could not be used, with the preprocessor's sentence saying why. */
    public record Skipped(Path file, String reason) {}

    /** The images that decode, and the files that do not (sorted by path). */
    public record Checked(TrainingImages images, List<Skipped> skipped) {}

    /** Called from the decoding threads as images are checked. */
    @FunctionalInterface
    public interface Progress {
        void decoded(int done, int total);

        Progress NONE = (done, total) -> {};
    }

    /**
     * What the decoded images of a data set weigh against the cache.
     *
     * @param bytesPerImage one decoded image: channels x height x width floats
     */
    public record MemoryEstimate(int images, Shape input, long bytesPerImage, long allBytes, long cacheBudget) {

        public boolean fitsInCache() {
            return allBytes <= cacheBudget;
        }

        /** The share of the images the cache keeps, 0 to 1. */
        public double cachedShare() {
            return allBytes == 0 ? 1 : Math.min(1, cacheBudget / (double) allBytes);
        }

        /** One sentence for the user: how much, and whether images are decoded again every epoch. */
        public String sentence() {
            String size = input.height() + " x " + input.width();
            if (fitsInCache()) {
                return String.format(
                        Locale.ROOT,
                        "%,d images take %s decoded at %s; all stay in memory (cache %s)",
                        images,
                        megabytes(allBytes),
                        size,
                        megabytes(cacheBudget));
            }
            long xmxGb = (long) Math.ceil((allBytes / 0.3 + (256L << 20)) / (double) (1L << 30));
            return String.format(
                    Locale.ROOT,
                    "%,d images take %s decoded at %s; the %s cache keeps %.0f %% of "
                            + "them and the rest are decoded again every epoch (slower); -Xmx%dg keeps them all",
                    images,
                    megabytes(allBytes),
                    size,
                    megabytes(cacheBudget),
                    100 * cachedShare(),
                    xmxGb);
        }

        private static String megabytes(long bytes) {
            return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
        }
    }

    /** How much of the heap the decoded images of one run may hold: 30 % of what the JVM may grow to. */
    public static long defaultCacheBudget() {
        return ByteBoundedCache.heapFraction(0.3);
    }

    /** What decoding {@code images} images at {@code input} would weigh, before any is decoded. */
    public static MemoryEstimate estimate(int images, Shape input, long cacheBudget) {
        long perImage = heapFootprint(input.size());
        return new MemoryEstimate(images, input, perImage, perImage * images, cacheBudget);
    }

    /** G1's region size, 0 under another collector (or a JVM that does not say). */
    private static final long G1_REGION = g1RegionBytes();

    /**
     * What an array of {@code floats} occupies in the heap. G1 gives an array of half a region or more (a 224 x 224
     * image, 602 KB, with the 1 MB regions of a heap under 2 GB) whole regions of its own, so counting its bytes
     * alone would let the cache hold nearly twice its budget.
     */
    static long heapFootprint(long floats) {
        long bytes = Float.BYTES * floats + 16;
        return G1_REGION > 0 && bytes >= G1_REGION / 2 ? (bytes + G1_REGION - 1) / G1_REGION * G1_REGION : bytes;
    }

    private static long g1RegionBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean g1 = Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue());
            return g1 ? Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue()) : 0;
        } catch (RuntimeException e) {
            return 0; // not HotSpot: count bytes only
        }
    }

    private final List<ImageFolderDataset.Sample> samples;
    private final Shape input;
    private final ByteBoundedCache<float[]> cache;

    private TrainingImages(List<ImageFolderDataset.Sample> samples, Shape input, ByteBoundedCache<float[]> cache) {
        this.samples = List.copyOf(samples);
        this.input = input;
        this.cache = cache;
    }

    /** Images decoded only when read (nothing checked yet), with at most {@code cacheBudget} bytes kept. */
    public static TrainingImages lazy(List<ImageFolderDataset.Sample> samples, Shape input, long cacheBudget) {
        return new TrainingImages(samples, input, new ByteBoundedCache<>(cacheBudget, x -> heapFootprint(x.length)));
    }

    /**
     * Decodes every image once (on every core), keeping as many as the cache holds; files that do not decode are
     * left out and listed, never an exception.
     *
     * @throws IOException when no image at all can be read, naming the first file and why
     */
    public static Checked check(
            List<ImageFolderDataset.Sample> samples, Shape input, long cacheBudget, Progress progress)
            throws IOException {
        TrainingImages all = lazy(samples, input, cacheBudget);
        ConcurrentLinkedQueue<Skipped> skipped = new ConcurrentLinkedQueue<>();
        boolean[] bad = new boolean[samples.size()];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            try {
                all.image(i);
            } catch (ImageInputException e) {
                bad[i] = true;
                skipped.add(new Skipped(samples.get(i).file(), e.getMessage()));
            }
            progress.decoded(done.incrementAndGet(), samples.size());
        });
        List<ImageFolderDataset.Sample> good = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (!bad[i]) {
                good.add(samples.get(i));
            }
        }
        List<Skipped> sorted =
                skipped.stream().sorted(Comparator.comparing(Skipped::file)).toList();
        if (good.isEmpty() && !samples.isEmpty()) {
            throw new IOException("none of the " + samples.size() + " images could be read, e.g. "
                    + sorted.get(0).reason());
        }
        return new Checked(new TrainingImages(good, input, all.cache), sorted);
    }

    public int size() {
        return samples.size();
    }

    public Shape input() {
        return input;
    }

    public int label(int index) {
        return samples.get(index).label();
    }

    public Path file(int index) {
        return samples.get(index).file();
    }

    public List<ImageFolderDataset.Sample> samples() {
        return samples;
    }

    /**
     * Images per class: after {@link #check} a class whose files did not decode may have none left, which a trainer
     * should say before it trains.
     */
    public int[] countsPerClass(int classes) {
        int[] counts = new int[classes];
        for (ImageFolderDataset.Sample s : samples) {
            counts[s.label()]++;
        }
        return counts;
    }

    /**
     * The preprocessed image (channel-major, values 0 to 1, in the input's channels) from the cache or decoded now.
     * The array is shared: read it, never write it.
     */
    public float[] image(int index) throws ImageInputException {
        String key = samples.get(index).file().toString();
        synchronized (cache) {
            float[] hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] x = Inference.channels(
                ImagePreprocessor.load(samples.get(index).file(), input.height(), input.width()), input.channels());
        synchronized (cache) {
            cache.put(key, x);
        }
        return x;
    }

    /** What the kept images weigh now, at most the budget. */
    public long cachedBytes() {
        synchronized (cache) {
            return cache.bytes();
        }
    }

    /**
     * What the CLI and the app say about skipped files: how many, of how many, and the first {@code few} with their
     * reasons; empty when none was skipped.
     */
    public static String skippedSentence(List<Skipped> skipped, int total, int few) {
        if (skipped.isEmpty()) {
            return "";
        }
        String first = skipped.stream().limit(few).map(Skipped::reason).collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "Skipped %,d of %,d images that could not be read%s: %s%s",
                skipped.size(),
                total,
                skipped.size() > few ? ", the first " + few : "",
                first,
                skipped.size() > few ? "; ..." : "");
    }
}
