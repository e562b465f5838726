package io.convscope.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Preprocesses each file named on the command line to 64 x 64 and prints one line per file: its size or the refusal
 * sentence. Run by {@link HostileImageTest} in a JVM with a small heap; anything else thrown ends it with status 1.
 */
public final class SmallHeapDecode {

    private SmallHeapDecode() {}

    public static void main(String[] args) {
        for (String arg : args) {
            Path file = Path.of(arg);
            try {
                BufferedImage input = ImagePreprocessor.resizeAndCrop(ImagePreprocessor.decode(file), 64, 64);
                System.out.println(file.getFileName() + ": " + input.getWidth() + " x " + input.getHeight());
            } catch (ImageInputException e) {
                System.out.println(file.getFileName() + ": " + e.getMessage());
            }
        }
    }
}
