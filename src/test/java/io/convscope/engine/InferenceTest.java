package io.convscope.engine;

import io.convscope.engine.compile.Dl4jCompiler;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.FixedSchedule;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots are cached per image: switching back costs nothing, an edited file is recomputed, and the cache is bounded
 * by the snapshots' bytes.
 */
class InferenceTest {

    @Test
    void switchingBackReusesTheSnapshot(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(1, 10, new FixedSchedule(1e-3), 0));
        net.init();
        ModelMetadata meta = new ModelMetadata("t", TinyVgg.CLASSES, 64, 64, 3, null);
        LoadedModel model =
                new LoadedModel("t", net, meta, Dl4jCompiler.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "t"));
        Inference inference = new Inference(model);
        Path a = write(dir.resolve("a.png"), 0x336699);
        Path b = write(dir.resolve("b.png"), 0xCC3311);

        ActivationSnapshot first = inference.run(a);
        ActivationSnapshot other = inference.run(b);
        assertNotSame(first, other);
        assertSame(first, inference.run(a), "switching back must not run the network again");
        assertEquals(0x33 / 255f, first.layer(0).value(0, 10, 10), 1e-7);

        write(a, 0x000000);
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5)));
        ActivationSnapshot edited = inference.run(a);
        assertNotSame(first, edited);
        assertEquals(0f, edited.layer(0).value(0, 10, 10));
    }

    /**
     * The cache holds as many snapshots as fit in its bytes: it used to keep 64 whatever their size, 9 GB of
     * VGG-16's. Here the budget is two and a half Tiny VGG snapshots, so six images leave the last two.
     */
    @Test
    void cacheIsBoundedByTheSnapshotsBytes(@TempDir Path dir) throws Exception {
        LoadedModel model = tinyVgg();
        long oneSnapshot = PassMemory.of(model.description()).activations();
        Inference inference = new Inference(model, new SnapshotCache(oneSnapshot * 5 / 2));
        ActivationSnapshot[] seen = new ActivationSnapshot[6];
        Path[] files = new Path[seen.length];
        for (int i = 0; i < seen.length; i++) {
            files[i] = write(dir.resolve(i + ".png"), 0x102030 * (i + 1));
            seen[i] = inference.run(files[i]);
            assertEquals(oneSnapshot, seen[i].bytes(), "the estimate is what a snapshot holds");
            assertTrue(inference.cachedBytes() <= inference.cacheBudget());
        }
        assertEquals(2 * oneSnapshot, inference.cachedBytes());
        assertSame(seen[5], inference.run(files[5]));
        assertSame(seen[4], inference.run(files[4]));
        assertNotSame(seen[0], inference.run(files[0]), "the oldest was dropped and is computed again");
    }

    /** The default cache takes at most a quarter of the heap, whatever the model. */
    @Test
    void defaultCacheTakesAtMostAQuarterOfTheHeap() throws Exception {
        Inference inference = new Inference(tinyVgg());
        assertTrue(inference.cacheBudget() <= Runtime.getRuntime().maxMemory() / 4, inference.cacheBudget() + " bytes");
    }

    /** predict reads each snapshot once: it must not stay in the cache. */
    @Test
    void runOnceKeepsNothing(@TempDir Path dir) throws Exception {
        Inference inference = new Inference(tinyVgg());
        Path a = write(dir.resolve("a.png"), 0x336699);
        ActivationSnapshot once = inference.runOnce(a);
        assertEquals(0, inference.cachedBytes());
        assertEquals(once.topClass(), inference.run(a).topClass());
    }

    private static LoadedModel tinyVgg() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(1, 10, new FixedSchedule(1e-3), 0));
        net.init();
        ModelMetadata meta = new ModelMetadata("t", TinyVgg.CLASSES, 64, 64, 3, null);
        return new LoadedModel("t", net, meta, Dl4jCompiler.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "t"));
    }

    @Test
    void anImageResizedOnceForTheScreenRunsAsTheUprightOne() throws Exception {
        Inference inference = new Inference(tinyVgg());
        BufferedImage upright = new BufferedImage(150, 90, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 150; x++) {
                upright.setRGB(x, y, (x * 255 / 150) << 16 | (y * 255 / 90) << 8 | 0x40);
            }
        }
        BufferedImage input = inference.resized(upright);
        ActivationSnapshot once = inference.runResized("once", input);
        ActivationSnapshot twice = inference.run("twice", upright);
        for (int l = 0; l < once.layerCount(); l++) {
            assertArrayEquals(twice.layer(l).toArray(), once.layer(l).toArray(), "layer " + l);
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> inference.runResized("big", upright),
                "an image at another size is refused, not silently stretched");
    }

    private static Path write(Path file, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
