package io.convscope.explain.views;

/**
 * Where the convolution view's columns go (input maps, kernels, intermediate maps, the plus, the output map) for
 * {@code rows} channel rows of {@code kernelSide}-wide kernels in a diagram {@code width} × {@code height}: the fixed
 * parts take their size and the free width is shared 27 / 27 / 26 / 20 % between the four gaps, so a few channels
 * get big maps and ten still fit.
 */
public record ConvolutionLayout(
        double top,
        double available,
        double pitch,
        double mapSide,
        double kernelCell,
        double glyph,
        double outputSide,
        double inputX,
        double kernelX,
        double interX,
        double plusX,
        double outputX,
        double rowsTop) {

    /** Headers and notes above the rows. */
    public static final double TOP = 58;

    public static final double OUTPUT_SIDE = 260;
    public static final double LABEL_WIDTH = 26;
    public static final double PLUS_SIDE = 16;

    public static ConvolutionLayout of(double width, double height, int rows, int kernelSide) {
        double available = height - TOP - 8;
        double pitch = Math.min(available / rows, 150);
        double mapSide = Math.floor(Math.min(pitch - 8, 118));
        double kernelCell = rows > 5 ? 12 : 22;
        double glyph = kernelSide * kernelCell;
        double fixed = LABEL_WIDTH + mapSide + glyph + mapSide + PLUS_SIDE + OUTPUT_SIDE + 10;
        double free = width - fixed;
        double inputX = LABEL_WIDTH;
        double kernelX = inputX + mapSide + 0.27 * free;
        double interX = kernelX + glyph + 0.27 * free;
        double plusX = interX + mapSide + 0.26 * free;
        double outputX = plusX + PLUS_SIDE + 0.2 * free;
        double rowsTop = TOP + (available - rows * pitch) / 2;
        return new ConvolutionLayout(
                TOP,
                available,
                pitch,
                mapSide,
                kernelCell,
                glyph,
                OUTPUT_SIDE,
                inputX,
                kernelX,
                interX,
                plusX,
                outputX,
                rowsTop);
    }

    /** The vertical middle of the rows, where the plus and the output map sit. */
    public double centreY() {
        return top + available / 2;
    }

    /** Top of the map in row {@code row}. */
    public double mapY(int row) {
        return rowsTop + row * pitch + (pitch - mapSide) / 2;
    }
}
