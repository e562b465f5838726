package io.convscope.cli;

import io.convscope.engine.TinyVgg;
import io.convscope.engine.WideModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands that run a model stay within the heap: they refuse what cannot fit, and stream what can. */
class MemoryCliTest {

    /**
     * A model that loads in a second but whose one pass needs 23.7 GB ({@link WideModel}): predict, evaluate and
     * bench refuse it with one line naming the model and the figure, before any pass (which used to end in an
     * OutOfMemoryError and a stack trace).
     */
    @Test
    void aModelWhosePassCannotFitIsRefusedBeforeRunning(@TempDir Path dir) throws Exception {
        Path zip = WideModel.save(dir);
        String image = Path.of("sample-images", "coffee.png").toString();
        for (String[] args : List.of(
                new String[] {"predict", "--model", zip.toString(), image},
                new String[] {"evaluate", "--model", zip.toString(), "--data", dir.toString()},
                new String[] {"bench", "--model", zip.toString(), "--warmup", "1", "--iterations", "1"})) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(ConvScopeCommand.USER_ERROR, r.code(), args[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(
                    r.err()
                            .matches(
                                    "(?s)convscope: \\S*wide.* needs about \\d+\\.\\d GB for one image with every "
                                            + "activation kept; this Java heap has .* free of .*: start Java with -Xmx\\d+g or more.*"),
                    r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    /**
     * evaluate used to preprocess the whole data set before classifying it: 4,000 images of 64 x 64 x 3 floats are
     * 197 MB, more than a 128 MB heap. Streamed, the same heap is enough. (A forked JVM, because the heap is the
     * point; about 30 s.)
     */
    @Test
    void evaluateStreamsTheDataSet(@TempDir Path dir) throws Exception {
        BufferedImage tiny = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        tiny.setRGB(3, 3, 0xff8800);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(tiny, "png", png);
        int perClass = 400;
        for (String label : TinyVgg.CLASSES) {
            Path folder = Files.createDirectories(dir.resolve(label));
            for (int i = 0; i < perClass; i++) {
                Files.write(folder.resolve(String.format(Locale.ROOT, "%03d.png", i)), png.toByteArray());
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-Dorg.bytedeco.javacpp.maxbytes=1G",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                "io.convscope.Launcher",
                "evaluate",
                "--json",
                "--data",
                dir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("\"n\":" + perClass * TinyVgg.CLASSES.size()), output);
    }
}
