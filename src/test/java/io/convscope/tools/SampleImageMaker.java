package io.convscope.tools;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Draws the synthetic sample images of the gallery: simple patterns that show what the first layers respond to.
 *
 * <p>Every image is exactly 64 x 64 RGB, the network's input size, so nothing is resized and each pixel the student
 * sees is one input value. Nothing is random, so running it again gives the same files.
 *
 * <p>Run: {@code java -cp target/test-classes io.convscope.tools.SampleImageMaker sample-images}
 */
public final class SampleImageMaker {

    /** The network's input is 64 x 64; drawing at that size means no resampling blurs the patterns. */
    static final int SIZE = 64;

    static final int HALF = SIZE / 2;

    /** The colour of a ripe orange (#FF8C00, "dark orange"). */
    static final Color ORANGE = new Color(0xFF8C00);

    private SampleImageMaker() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-images");
        Files.createDirectories(dir);
        save(dir, "edge-vertical.png", edgeVertical());
        save(dir, "edge-horizontal.png", edgeHorizontal());
        save(dir, "edge-diagonal.png", edgeDiagonal());
        save(dir, "edge-antidiagonal.png", edgeAntidiagonal());
        save(dir, "stripes-vertical.png", stripesVertical());
        save(dir, "stripes-horizontal.png", stripesHorizontal());
        save(dir, "checkerboard.png", checkerboard());
        save(dir, "colour-patches.png", colourPatches());
        save(dir, "gradient.png", gradient());
        save(dir, "gradient-colour.png", gradientColour());
        save(dir, "shapes.png", shapes());
        save(dir, "orange-disc.png", orangeDisc());
    }

    // ---- the images ------------------------------------------------------------------------------------------------

    /** One vertical edge in the middle: kernels that look for left/right changes light up along it. */
    static BufferedImage edgeVertical() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, HALF, SIZE);
        });
    }

    /** The same edge turned 90 degrees, so the "vertical edge" kernels go quiet and others take over. */
    static BufferedImage edgeHorizontal() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, SIZE, HALF);
        });
    }

    /** Split along the main diagonal (top-left to bottom-right): dark below-left, light above-right. */
    static BufferedImage edgeDiagonal() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            g.fill(triangle(0, 0, 0, SIZE, SIZE, SIZE));
        });
    }

    /** Split along the other diagonal (top-right to bottom-left): dark above-left, light below-right. */
    static BufferedImage edgeAntidiagonal() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            g.fill(triangle(0, 0, SIZE, 0, 0, SIZE));
        });
    }

    /** Many vertical edges side by side (4 px black, 4 px white): the edge response repeats across the image. */
    static BufferedImage stripesVertical() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            for (int x = 0; x < SIZE; x += 8) {
                g.fillRect(x, 0, 4, SIZE);
            }
        });
    }

    /** The same stripes lying down. */
    static BufferedImage stripesHorizontal() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            for (int y = 0; y < SIZE; y += 8) {
                g.fillRect(0, y, SIZE, 4);
            }
        });
    }

    /** 8 x 8 squares: vertical and horizontal edges at once, plus corners. */
    static BufferedImage checkerboard() {
        return draw(Color.WHITE, false, g -> {
            g.setColor(Color.BLACK);
            for (int y = 0; y < SIZE; y += 8) {
                for (int x = (y / 8) % 2 * 8; x < SIZE; x += 16) {
                    g.fillRect(x, y, 8, 8);
                }
            }
        });
    }

    /** Pure red, green, blue and yellow (= red + green) quadrants: shows which kernels care about which channel. */
    static BufferedImage colourPatches() {
        return draw(Color.BLACK, false, g -> {
            quadrant(g, Color.RED, 0, 0);
            quadrant(g, Color.GREEN, HALF, 0);
            quadrant(g, Color.BLUE, 0, HALF);
            quadrant(g, Color.YELLOW, HALF, HALF);
        });
    }

    /** Black to white, one grey level per column: brightness changes, but there is no sharp edge anywhere. */
    static BufferedImage gradient() {
        // Column by column rather than GradientPaint, so each column has exactly one, predictable value.
        return columns(x -> {
            int v = Math.round(x * 255f / (SIZE - 1));
            return new Color(v, v, v);
        });
    }

    /** A rainbow from left to right, every colour at full strength: the mix of red, green and blue changes smoothly. */
    static BufferedImage gradientColour() {
        // Hue runs over [0, 1), not [0, 1], so the last column is a pinkish red rather than the first column's red
        // again.
        return columns(x -> new Color(Color.HSBtoRGB(x / (float) SIZE, 1f, 1f)));
    }

    /** A circle, a square and a triangle: curved, straight and slanted outlines side by side. */
    static BufferedImage shapes() {
        // Mild antialiasing keeps the circle and the triangle's slopes from looking jagged at this tiny size.
        return draw(Color.BLACK, true, g -> {
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(5, 5, 22, 22));
            g.fillRect(38, 6, 20, 20);
            g.fill(triangle(32, 35, 20, 58, 44, 58));
        });
    }

    /** A cartoon orange: the right colour and roundness, but none of the texture of a real fruit. */
    static BufferedImage orangeDisc() {
        return draw(Color.WHITE, true, g -> {
            g.setColor(ORANGE);
            g.fill(new Ellipse2D.Double(6, 6, SIZE - 12, SIZE - 12));
        });
    }

    // ---- shared helpers --------------------------------------------------------------------------------------------

    /** A 64 x 64 RGB image filled with {@code background}, then painted by {@code painter}. */
    static BufferedImage draw(Color background, boolean antialias, Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB); // RGB: no alpha channel
        Graphics2D g = img.createGraphics();
        try {
            // Off by default so edges are one crisp step, not a ramp of in-between greys.
            g.setRenderingHint(
                    RenderingHints.KEY_ANTIALIASING,
                    antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(background);
            g.fillRect(0, 0, SIZE, SIZE);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Fills each column with its own colour, for the ramps. */
    static BufferedImage columns(IntFunction<Color> colourOfColumn) {
        return draw(Color.BLACK, false, g -> {
            for (int x = 0; x < SIZE; x++) {
                g.setColor(colourOfColumn.apply(x));
                g.fillRect(x, 0, 1, SIZE);
            }
        });
    }

    /** Fills the 32 x 32 quadrant whose top-left corner is (x, y). */
    static void quadrant(Graphics2D g, Color colour, int x, int y) {
        g.setColor(colour);
        g.fillRect(x, y, HALF, HALF);
    }

    static Shape triangle(int x1, int y1, int x2, int y2, int x3, int y3) {
        return new Polygon(new int[] {x1, x2, x3}, new int[] {y1, y2, y3}, 3);
    }

    static void save(Path dir, String name, BufferedImage img) throws IOException {
        Path file = dir.resolve(name);
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
        System.out.println("wrote " + file);
    }
}
