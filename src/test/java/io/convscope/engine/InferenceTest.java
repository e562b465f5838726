package io.convscope.engine;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.FixedSchedule;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Snapshots are cached per image: switching back costs nothing, and an edited file is recomputed. */
class InferenceTest {

    @Test
    void switchingBackReusesTheSnapshot(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(TinyVgg.configuration(1, 10, new FixedSchedule(1e-3), 0));
        net.init();
        ModelMetadata meta = new ModelMetadata("t", TinyVgg.CLASSES, 64, 64, 3, null);
        LoadedModel model = new LoadedModel("t", net, meta,
                CompiledNetwork.compile(net, new Shape(3, 64, 64), TinyVgg.CLASSES, "t"));
        Inference inference = new Inference(model);
        Path a = write(dir.resolve("a.png"), 0x336699);
        Path b = write(dir.resolve("b.png"), 0xCC3311);

        ActivationSnapshot first = inference.run(a);
        ActivationSnapshot other = inference.run(b);
        assertNotSame(first, other);
        assertSame(first, inference.run(a), "switching back must not run the network again");
        assertEquals(0x33 / 255f, first.layer(0).value(0, 10, 10), 1e-7);

        write(a, 0x000000);
        java.nio.file.Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5)));
        ActivationSnapshot edited = inference.run(a);
        assertNotSame(first, edited);
        assertEquals(0f, edited.layer(0).value(0, 10, 10));
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
