package io.convscope.ui.explorer;

import io.convscope.engine.ByteBoundedCache;
import io.convscope.image.ImagePreprocessor;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Gallery thumbnails, decoded on one background thread only when a tile asks for one, and kept in a cache bounded
 * by bytes (4 per pixel), so browsing a data set of 10,000 images never holds them all. Requests of a gallery that
 * has since been replaced are dropped before decoding. Public for the Train workspace's per-class thumbnails.
 */
public final class Thumbnails {

    static final int SIZE = 96;
    /** 16 MB: about 450 thumbnails of 96 x 96. */
    static final long BUDGET_BYTES = 16L << 20;

    private final ByteBoundedCache<Image> cache =
            new ByteBoundedCache<>(BUDGET_BYTES, i -> 4L * (long) i.getWidth() * (long) i.getHeight());
    private final AtomicLong generation = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-thumbnails");
        t.setDaemon(true);
        return t;
    });

    /** A new gallery is shown: what the previous one still waits for is not decoded. */
    public void newGallery() {
        generation.incrementAndGet();
    }

    /** Gives {@code shown} the thumbnail of {@code file} on the JavaFX thread: at once if cached, else once decoded. */
    public void request(Path file, Consumer<Image> shown) {
        String key = file.toAbsolutePath().toString();
        Image cached = cache.get(key);
        if (cached != null) {
            shown.accept(cached);
            return;
        }
        long asked = generation.get();
        worker.submit(() -> {
            if (asked != generation.get()) {
                return;
            }
            try {
                Image image = thumbnail(ImagePreprocessor.decode(file));
                Platform.runLater(() -> {
                    cache.put(key, image);
                    shown.accept(image);
                });
            } catch (Exception e) {
                // an unreadable image keeps its empty tile; evaluate has read it already, so this is rare
            }
        });
    }

    public long cachedBytes() {
        return cache.bytes();
    }

    public void shutdown() {
        worker.shutdownNow();
    }

    private static Image thumbnail(BufferedImage upright) {
        double scale = Math.min(1, SIZE / (double) Math.max(upright.getWidth(), upright.getHeight()));
        int w = Math.max(1, (int) Math.round(upright.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(upright.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(upright, 0, 0, w, h, null);
        g.dispose();
        int[] argb = small.getRGB(0, 0, w, h, null, 0, w);
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }
}
