package io.convscope.explain.dataset;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small labelled folders ({@code labelled/<class>/<i>.png}) of seeded coloured noise, for the explorer's tests. */
public final class LabelledFolders {

    private LabelledFolders() {}

    /** Each image is noise around its own seeded colour, so the model's predictions vary between images. */
    public static Path generate(Path dir, List<String> classes, int perClass) throws Exception {
        Path data = Files.createDirectories(dir.resolve("labelled"));
        Random random = new Random(17);
        for (String c : classes) {
            Path folder = Files.createDirectories(data.resolve(c.replace(' ', '-')));
            for (int i = 0; i < perClass; i++) {
                int base = random.nextInt(0x1000000);
                BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        image.setRGB(x, y, base ^ random.nextInt(0x404040));
                    }
                }
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        return data;
    }
}
