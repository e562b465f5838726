package io.convscope.explain;

/** An opaque colour with 8-bit channels. */
public record Rgb(int red, int green, int blue) {

    public Rgb {
        if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
            throw new IllegalArgumentException("channels must be 0..255: " + red + ", " + green + ", " + blue);
        }
    }

    /** Parses {@code "#67001f"} or {@code "67001f"}. */
    public static Rgb hex(String hex) {
        String digits = hex.startsWith("#") ? hex.substring(1) : hex;
        if (!digits.matches("[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("not a six-digit hex colour: " + hex);
        }
        int rgb = Integer.parseInt(digits, 16);
        return new Rgb(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** Packed as {@code 0xAARRGGBB} with full alpha, as JavaFX's {@code PixelWriter.setArgb} takes it. */
    public int argb() {
        return 0xFF000000 | red << 16 | green << 8 | blue;
    }

    /** Lower-case {@code "#rrggbb"}. */
    public String toHex() {
        return String.format("#%02x%02x%02x", red, green, blue);
    }
}
