package io.convscope.ui.learn;

import io.convscope.engine.ByteBoundedCache;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.paint.Color;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A LaTeX formula typeset by JLaTeXMath and shown as an image. Rendered at twice the size and shown at half, so it
 * stays sharp on HiDPI screens; images are cached (bounded by their bytes) because the article and the playground
 * re-render the same ones.
 */
public final class LatexFormula {

    /** Rendering scale: the image has this many pixels per layout pixel. */
    static final int OVERSAMPLE = 2;

    /** 8 MB of formula images, by their pixels: the article's and the playground's few dozen are well under it. */
    static final long CACHE_BYTES = 8L << 20;

    private static final ByteBoundedCache<Image> CACHE =
            new ByteBoundedCache<>(CACHE_BYTES, i -> 4L * (long) i.getWidth() * (long) i.getHeight());

    private LatexFormula() {}

    /** An image of the formula with glyphs of {@code size} layout pixels; throws {@link IllegalArgumentException} on bad LaTeX. */
    static Image image(String latex, double size, Color color) {
        String key = latex + '\u0000' + size + '\u0000' + color;
        synchronized (CACHE) {
            Image cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, (float) (size * OVERSAMPLE));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot typeset " + latex + ": " + e.getMessage(), e);
        }
        icon.setForeground(new java.awt.Color(
                (float) color.getRed(), (float) color.getGreen(), (float) color.getBlue(), (float) color.getOpacity()));
        BufferedImage canvas = new BufferedImage(
                Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        Image image = SwingFXUtils.toFXImage(canvas, null);
        synchronized (CACHE) {
            CACHE.put(key, image);
        }
        return image;
    }

    /** What the kept images weigh now. */
    static long cachedBytes() {
        synchronized (CACHE) {
            return CACHE.bytes();
        }
    }

    /** An image view of the formula at its natural layout size. */
    public static ImageView view(String latex, double size, Color color) {
        Image image = image(latex, size, color);
        ImageView view = new ImageView(image);
        view.setFitWidth(image.getWidth() / OVERSAMPLE);
        view.setFitHeight(image.getHeight() / OVERSAMPLE);
        view.setSmooth(true);
        view.getStyleClass().add("formula");
        return view;
    }
}
