package io.convscope.ui.explanation;

import io.convscope.ui.common.Palette;
import javafx.scene.paint.Color;

/** Text ink that stays readable on a coloured fill in both themes: dark on light fills, white on dark ones. */
public final class ReadableInk {

    private ReadableInk() {}

    public static Color on(int argb) {
        Color c = Palette.fx(argb);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 0.55 ? Color.rgb(30, 30, 30) : Color.WHITE;
    }
}
