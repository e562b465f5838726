package io.convscope.ui.explanation;

import io.convscope.explain.ValueColors;
import io.convscope.explain.views.ConvolutionExplanation;
import io.convscope.explain.views.ConvolutionLayout;
import io.convscope.network.LayerDescription;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.DoubleToIntFunction;
import java.util.function.IntConsumer;

import static io.convscope.ui.explanation.ConvolutionShapes.annotation;
import static io.convscope.ui.explanation.ConvolutionShapes.annotationLabel;
import static io.convscope.ui.explanation.ConvolutionShapes.edge;
import static io.convscope.ui.explanation.ConvolutionShapes.frame;
import static io.convscope.ui.explanation.ConvolutionShapes.header;
import static io.convscope.ui.explanation.ConvolutionShapes.heatmap;
import static io.convscope.ui.explanation.ConvolutionShapes.small;

/**
 * The convolution view's elastic diagram, laid out by {@link ConvolutionLayout}: a row per input channel (its map,
 * its kernel, its intermediate map), the plus with the bias, and the neuron's output map, joined by dashed edges.
 */
final class ConvolutionDiagram extends Pane {

    static final double WIDTH = ConvolutionView.WIDTH - 32;
    static final double HEIGHT = 500;

    private final ResourceBundle text;
    private final ConvolutionSlide slide;
    private final ConvolutionReadout readout;
    private final List<HeatmapView> inputMaps = new ArrayList<>();
    private final List<HeatmapView> intermediateMaps = new ArrayList<>();
    private HeatmapView outputMap;

    ConvolutionDiagram(ResourceBundle text, ConvolutionSlide slide, ConvolutionReadout readout) {
        this.text = text;
        this.slide = slide;
        this.readout = readout;
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setId("conv-diagram");
    }

    /**
     * Draws channels {@code first} … of {@code explanation}; {@code sharedRange} colours the intermediate and output
     * maps (and non-image inputs); {@code choose} opens a channel's formula panel, {@code page} another page.
     */
    void build(
            ConvolutionExplanation explanation,
            LayerDescription description,
            LayerDescription previous,
            boolean image,
            int first,
            double sharedRange,
            IntConsumer choose,
            IntConsumer page) {
        getChildren().clear();
        slide.clear();
        inputMaps.clear();
        intermediateMaps.clear();
        int channels = explanation.inputChannels();
        int n = Math.min(channels, ChannelPager.PAGE);
        float[][] kernel0 = explanation.kernel(0);
        int k = kernel0.length;
        ConvolutionLayout at = ConvolutionLayout.of(WIDTH, HEIGHT, n, k);
        double mapSide = at.mapSide();
        double outputSide = at.outputSide();
        double plusX = at.plusX();
        double plusY = at.centreY() - 8;
        headers(explanation, description, previous, image, at);

        // Plus symbol and bias.
        Rectangle plus = new Rectangle(plusX, plusY, 16, 16);
        plus.setArcWidth(6);
        plus.setArcHeight(6);
        plus.setFill(Color.WHITE);
        plus.setStroke(Color.gray(0.3));
        Line h = new Line(plusX + 4, plusY + 8, plusX + 12, plusY + 8);
        Line v = new Line(plusX + 8, plusY + 4, plusX + 8, plusY + 12);
        boolean biasBelow = explanation.neuron() == 0;
        double biasY = biasBelow ? plusY + 16 + 46 : plusY - 46;
        Circle bias = new Circle(plusX + 8, biasY, 6);
        bias.setId("conv-bias");
        bias.setFill(
                Palette.fx(ValueColors.weight(explanation.bias(), explanation.kernelRange(), ValueColors.KERNEL_GAP)));
        bias.setStroke(Color.gray(0.4));
        bias.setCursor(Cursor.CROSSHAIR);
        readout.bias(bias, explanation.bias());
        Label biasLabel = small(String.format(Locale.ROOT, text.getString("conv.bias.label"), explanation.bias()));
        biasLabel.relocate(plusX + 18, biasY - 8);
        Label sumNote = annotationLabel(text.getString("conv.note.sum" + notes(explanation)), 150);
        sumNote.relocate(plusX - 60, biasBelow ? plusY - 50 : plusY + 26);
        getChildren()
                .addAll(
                        edge(plusX + 8, biasY + (biasBelow ? -6 : 6), plusX + 8, biasBelow ? plusY + 16 : plusY),
                        edge(plusX + 16, plusY + 8, at.outputX(), plusY + 8),
                        sumNote);

        DoubleToIntFunction shared = v2 -> ValueColors.activation(v2, sharedRange);
        DoubleToIntFunction inputColors = image ? ValueColors::input : shared;
        if (channels > n) {
            ChannelPager.add(
                    this,
                    text,
                    first,
                    n,
                    channels,
                    at.inputX() - 6,
                    22,
                    at.outputX(),
                    at.centreY() + outputSide / 2 + 10,
                    outputSide,
                    page);
        }
        for (int row = 0; row < n; row++) {
            final int c = first + row;
            final int shownChannel = explanation.inputChannel(c); // the input channel's own number
            double y = at.mapY(row);
            double mid = y + mapSide / 2;
            Rectangle strip =
                    new Rectangle(at.inputX() - 6, y - 4, at.interX() + mapSide - at.inputX() + 12, mapSide + 8);
            strip.setArcWidth(10);
            strip.setArcHeight(10);
            strip.setFill(Color.rgb(160, 160, 160, 0.2));
            strip.setVisible(false);
            strip.setMouseTransparent(true);
            strip.setId("conv-strip-" + c);
            getChildren().add(strip);

            Label number = small("#" + shownChannel);
            number.relocate(0, mid - 8);
            getChildren().add(number);

            HeatmapView in = heatmap(explanation.input(c), inputColors, mapSide);
            in.setId("conv-input-" + c);
            in.relocate(at.inputX(), y);
            HeatmapView inter = heatmap(explanation.intermediate(c), shared, mapSide);
            inter.setId("conv-intermediate-" + c);
            inter.relocate(at.interX(), y);
            for (HeatmapView map : List.of(in, inter)) {
                map.setCursor(Cursor.HAND);
                readout.channelMap(map, strip, shownChannel, () -> choose.accept(c));
            }
            inputMaps.add(in);
            intermediateMaps.add(inter);

            Node glyphNode =
                    kernelGlyph(explanation.kernel(c), explanation.kernelRange(), at.kernelCell(), shownChannel);
            glyphNode.relocate(at.kernelX(), mid - at.glyph() / 2);

            getChildren()
                    .addAll(
                            edge(at.inputX() + mapSide, mid, at.kernelX(), mid),
                            edge(at.kernelX() + at.glyph(), mid, at.interX(), mid),
                            edge(at.interX() + mapSide, mid, plusX, plusY + 8),
                            in,
                            inter,
                            glyphNode,
                            frame(at.inputX(), y, mapSide),
                            frame(at.interX(), y, mapSide));
            slide.mask(this, at.interX(), y, mapSide);
            slide.outline(this, at.inputX(), y, mapSide);
            slide.outline(this, at.interX(), y, mapSide);
        }
        getChildren().addAll(plus, h, v, bias, biasLabel);

        double outputY = at.centreY() - outputSide / 2;
        outputMap = heatmap(explanation.activation(), shared, outputSide);
        outputMap.setId("conv-output");
        outputMap.relocate(at.outputX(), outputY);
        readout.output(outputMap);
        getChildren().addAll(outputMap, frame(at.outputX(), outputY, outputSide));
        slide.mask(this, at.outputX(), outputY, outputSide);
    }

    /** A depthwise convolution reads one channel and sums nothing: its notes say so. */
    private static String notes(ConvolutionExplanation explanation) {
        return explanation.depthwise() ? ".depthwise" : "";
    }

    private void headers(
            ConvolutionExplanation explanation,
            LayerDescription description,
            LayerDescription previous,
            boolean image,
            ConvolutionLayout at) {
        int channels = explanation.inputChannels();
        float[][] kernel0 = explanation.kernel(0);
        double mapSide = at.mapSide();
        var inShape = previous.outputShape();
        String inputHeader = image
                ? String.format(text.getString("conv.column.image"), inShape.height(), inShape.width(), channels)
                : String.format(
                        text.getString("conv.column.input"),
                        previous.name(),
                        inShape.height(),
                        inShape.width(),
                        channels);
        header(this, inputHeader, at.inputX() + mapSide / 2, 0, false, "conv-header-input");
        header(
                this,
                String.format(text.getString("conv.column.kernels"), kernel0.length, kernel0[0].length),
                at.kernelX() + at.glyph() / 2,
                0,
                false,
                "conv-header-kernels");
        var outShape = description.outputShape();
        Label interHeader = header(
                this,
                String.format(
                        text.getString("conv.column.intermediate"), outShape.height(), outShape.width(), channels),
                at.interX() + mapSide / 2,
                0,
                true,
                "conv-header-intermediate");
        interHeader.setGraphic(slide.button());
        interHeader.setContentDisplay(ContentDisplay.RIGHT);
        interHeader.setGraphicTextGap(2);
        double outputCentre = at.outputX() + at.outputSide() / 2;
        header(
                this,
                String.format(
                        text.getString("conv.column.output"),
                        description.name(),
                        explanation.neuron(),
                        outShape.height(),
                        outShape.width()),
                outputCentre,
                0,
                false,
                "conv-header-output");
        String notes = notes(explanation);
        annotation(
                this,
                text.getString("conv.note.kernel" + notes),
                at.kernelX() + at.glyph() / 2,
                18,
                190,
                "conv-note-kernel");
        annotation(
                this,
                text.getString("conv.note.intermediate"),
                at.interX() + mapSide / 2,
                18,
                190,
                "conv-note-intermediate");
        annotation(this, text.getString("conv.note.output" + notes), outputCentre, 18, 280, "conv-note-output");
    }

    private Node kernelGlyph(float[][] kernel, double range, double cell, int channel) {
        Pane glyph = new Pane();
        glyph.setId("conv-kernel-" + channel);
        for (int y = 0; y < kernel.length; y++) {
            for (int x = 0; x < kernel[y].length; x++) {
                Rectangle r = new Rectangle(x * cell, y * cell, cell, cell);
                r.setFill(Palette.fx(ValueColors.weight(kernel[y][x], range, ValueColors.KERNEL_GAP)));
                r.setStroke(Color.gray(0.55));
                r.setStrokeWidth(0.5);
                glyph.getChildren().add(r);
            }
        }
        glyph.setCursor(Cursor.CROSSHAIR);
        readout.kernel(glyph, kernel, channel);
        return glyph;
    }

    HeatmapView inputMap(int row) {
        return inputMaps.get(row);
    }

    HeatmapView intermediateMap(int row) {
        return intermediateMaps.get(row);
    }

    HeatmapView outputMap() {
        return outputMap;
    }
}
