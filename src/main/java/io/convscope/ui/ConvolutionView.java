package io.convscope.ui;

import io.convscope.explain.ConvolutionExplanation;
import io.convscope.explain.ValueColors;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.DoubleToIntFunction;
import java.util.function.IntConsumer;

/**
 * The convolution elastic explanation (CNN Explainer §2.8) as a static diagram: the previous layer's maps, each
 * input channel's own kernel, the "intermediate" maps (input channel ⊛ kernel, no bias), a plus symbol with the bias
 * and the neuron's output map. A schematic outline slides over every input and intermediate map in a 5 × 5 grid of
 * steps, revealing the results; hovering a kernel reports its weights; clicking an input or intermediate map asks the
 * host to open the formula panel for that channel.
 */
final class ConvolutionView extends BorderPane {

    static final double WIDTH = 1100;
    static final double DIAGRAM_HEIGHT = 500;
    static final int SLIDE_STEPS = 5;
    /** Input channels drawn at once; wider layers (VGG's 64 to 512) page through them, as the overview scrolls. */
    static final int PAGE = 10;
    static final double SLIDE_STEP_MS = 200;
    static final Color EDGE = Color.gray(0.62);
    static final Color MASK = Color.gray(0.88);

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");
    private final Pane diagram = new Pane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final HBox legends = new HBox(28);
    private final Button skip = new Button();
    private final Timeline slide = new Timeline();
    private final List<Rectangle> outlines = new ArrayList<>();
    private final List<Rectangle[]> masks = new ArrayList<>();
    private final List<HeatmapView> inputMaps = new ArrayList<>();
    private final List<HeatmapView> intermediateMaps = new ArrayList<>();
    private HeatmapView outputMap;
    private double mapSide;
    private double outputSide;
    private ConvolutionExplanation explanation;
    private int firstChannel;
    private ActivationSnapshot lastSnapshot;
    private double lastInputRange;
    private double lastOutputRange;
    private double sharedRange;
    private IntConsumer onChannelChosen = c -> { };
    private Runnable onClose = () -> { };
    private int slideStep;

    ConvolutionView(ResourceBundle text) {
        this.text = text;
        setId("conv-view");
        // As tall as its content: a fixed 640 px cut the legends, readout and hint off the view's background, and they
        // were drawn over the faded overview's legends. FitToSize scales the whole view into the window.
        setPrefWidth(WIDTH);
        setMaxSize(WIDTH, Region.USE_PREF_SIZE);
        setPadding(new Insets(12, 16, 12, 16));
        getStyleClass().add("conv-view");

        title.getStyleClass().add("title-3");
        title.setId("conv-title");
        subtitle.getStyleClass().add("text-muted");
        subtitle.setId("conv-subtitle");
        subtitle.setWrapText(true);
        Button info = new InfoButton("conv-info", text.getString("conv.view.info"), io.convscope.explain.Article.CONVOLUTION);
        javafx.scene.layout.Region titleSpacer = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(titleSpacer, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox titleRow = new javafx.scene.layout.HBox(6, title, titleSpacer, info,
                new CloseButton("conv-close", text.getString("conv.close"), () -> onClose.run()));
        titleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox heading = new VBox(2, titleRow, subtitle);
        heading.setPadding(new Insets(0, 0, 10, 0));
        setTop(heading);

        diagram.setPrefSize(WIDTH - 32, DIAGRAM_HEIGHT);
        diagram.setMinSize(WIDTH - 32, DIAGRAM_HEIGHT);
        diagram.setId("conv-diagram");
        setCenter(diagram);

        skip.getStyleClass().add("flat");
        skip.setId("conv-skip");
        skip.setFocusTraversable(false);
        skip.setOnAction(e -> {
            if (isSliding()) {
                finishSlide();
            } else {
                replaySlide();
            }
        });

        Label readoutLabel = new Label();
        readoutLabel.setId("conv-readout");
        readoutLabel.textProperty().bind(readout.getReadOnlyProperty());
        readoutLabel.setStyle("-fx-font-family: monospace;");
        Label hint = new Label(text.getString("conv.hint"), new FontIcon(Material2MZ.MOUSE));
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        legends.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readoutLabel.setMinHeight(18);
        VBox bottom = new VBox(6, legends, readoutLabel, hint);
        setBottom(bottom);

        slide.setCycleCount(1);
        visibleProperty().addListener((o, was, now) -> {
            if (!now) {
                finishSlide();
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                finishSlide();
            }
        });
    }

    /**
     * Shows how neuron {@code neuron} of convolution layer {@code layer} is computed and starts the sliding-kernel
     * animation.
     *
     * @param inputRange  colour range of the previous layer (ignored for image channels, drawn in greys)
     * @param outputRange colour range of this layer; intermediates and output share max(inputRange, outputRange)
     */
    void show(ActivationSnapshot s, int layer, int neuron, double inputRange, double outputRange) {
        firstChannel = 0;
        showFrom(s, layer, neuron, inputRange, outputRange);
    }

    /** Shows the page of input channels starting at {@code first} (same neuron, same numbers). */
    void page(int first) {
        if (explanation == null) {
            return;
        }
        int n = explanation.inputChannels();
        int clamped = Math.max(0, Math.min(first, n - Math.min(n, PAGE)));
        if (clamped != firstChannel) {
            firstChannel = clamped;
            showFrom(lastSnapshot, explanation.layer(), explanation.neuron(), lastInputRange, lastOutputRange);
        }
    }

    int firstChannel() {
        return firstChannel;
    }

    private void showFrom(ActivationSnapshot s, int layer, int neuron, double inputRange, double outputRange) {
        lastSnapshot = s;
        lastInputRange = inputRange;
        lastOutputRange = outputRange;
        slide.stop();
        explanation = new ConvolutionExplanation(s, layer, neuron);
        LayerDescription description = s.network().layer(layer);
        LayerDescription previous = s.network().layer(s.network().inputOf(layer));
        boolean image = s.network().inputOf(layer) == 0;
        sharedRange = image ? outputRange : Math.max(inputRange, outputRange);
        int n = explanation.inputChannels();
        title.setText(String.format(text.getString("conv.title"), description.name(), neuron));
        String source = image ? text.getString("conv.imageChannels") : previous.name();
        subtitle.setText(explanation.depthwise()
                ? String.format(text.getString("conv.subtitle.depthwise"), description.name(), neuron,
                        explanation.inputChannel(0), source)
                : String.format(text.getString("conv.subtitle"), description.name(), neuron, n, source));
        build(description, previous, image);
        buildLegends(image);
        readout.set("");
        replaySlide();
    }

    private void build(LayerDescription description, LayerDescription previous, boolean image) {
        diagram.getChildren().clear();
        outlines.clear();
        masks.clear();
        inputMaps.clear();
        intermediateMaps.clear();
        int channels = explanation.inputChannels();
        int n = Math.min(channels, PAGE);
        float[][] kernel0 = explanation.kernel(0);
        int k = kernel0.length;
        double top = 58;
        double available = DIAGRAM_HEIGHT - top - 8;
        double pitch = Math.min(available / n, 150);
        mapSide = Math.floor(Math.min(pitch - 8, 118));
        double kernelCell = n > 5 ? 12 : 22;
        double glyph = k * kernelCell;
        outputSide = 260;
        double width = WIDTH - 32;
        double labelWidth = 26;
        double fixed = labelWidth + mapSide + glyph + mapSide + 16 + outputSide + 10;
        double free = width - fixed;
        double inputX = labelWidth;
        double kernelX = inputX + mapSide + 0.27 * free;
        double interX = kernelX + glyph + 0.27 * free;
        double plusX = interX + mapSide + 0.26 * free;
        double outputX = plusX + 16 + 0.2 * free;
        double rowsTop = top + (available - n * pitch) / 2;
        double centreY = top + available / 2;
        double plusY = centreY - 8;

        // Column headers.
        var inShape = previous.outputShape();
        String inputHeader = image
                ? String.format(text.getString("conv.column.image"), inShape.height(), inShape.width(), channels)
                : String.format(text.getString("conv.column.input"), previous.name(), inShape.height(), inShape.width(),
                channels);
        header(inputHeader, inputX + mapSide / 2, 0, false, "conv-header-input");
        header(String.format(text.getString("conv.column.kernels"), k, kernel0[0].length), kernelX + glyph / 2, 0,
                false, "conv-header-kernels");
        var outShape = description.outputShape();
        Label interHeader = header(String.format(text.getString("conv.column.intermediate"), outShape.height(),
                outShape.width(), channels), interX + mapSide / 2, 0, true, "conv-header-intermediate");
        skip.setTooltip(new Tooltip(text.getString("conv.skip.tooltip")));
        skip.setPadding(new Insets(0, 2, 0, 2));
        interHeader.setGraphic(skip);
        interHeader.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        interHeader.setGraphicTextGap(2);
        header(String.format(text.getString("conv.column.output"), description.name(), explanation.neuron(),
                outShape.height(), outShape.width()), outputX + outputSide / 2, 0, false, "conv-header-output");
        String notes = explanation.depthwise() ? ".depthwise" : ""; // one channel read, nothing summed
        annotation(text.getString("conv.note.kernel" + notes), kernelX + glyph / 2, 18, 190, "conv-note-kernel");
        annotation(text.getString("conv.note.intermediate"), interX + mapSide / 2, 18, 190, "conv-note-intermediate");
        annotation(text.getString("conv.note.output" + notes), outputX + outputSide / 2, 18, 280, "conv-note-output");

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
        bias.setFill(Palette.fx(ValueColors.weight(explanation.bias(), explanation.kernelRange(), ValueColors.KERNEL_GAP)));
        bias.setStroke(Color.gray(0.4));
        bias.setCursor(Cursor.CROSSHAIR);
        String biasText = String.format(Locale.ROOT, text.getString("conv.readout.bias"), explanation.bias());
        bias.setOnMouseEntered(e -> readout.set(biasText));
        bias.setOnMouseExited(e -> readout.set("")); // the readout describes what is under the pointer, or nothing
        Label biasLabel = small(String.format(Locale.ROOT, text.getString("conv.bias.label"), explanation.bias()));
        biasLabel.relocate(plusX + 18, biasY - 8);
        Label sumNote = annotationLabel(text.getString("conv.note.sum" + notes), 150);
        sumNote.relocate(plusX - 60, biasBelow ? plusY - 50 : plusY + 26);
        diagram.getChildren().addAll(edge(plusX + 8, biasY + (biasBelow ? -6 : 6), plusX + 8, biasBelow ? plusY + 16 : plusY),
                edge(plusX + 16, plusY + 8, outputX, plusY + 8), sumNote);

        DoubleToIntFunction inputColors = image ? ValueColors::input
                : v2 -> ValueColors.activation(v2, sharedRange);
        DoubleToIntFunction shared = v2 -> ValueColors.activation(v2, sharedRange);
        double kernelRange = explanation.kernelRange();
        if (channels > n) {
            pager(channels, n, inputX, 22, outputX, centreY + outputSide / 2 + 10);
        }
        for (int row = 0; row < n; row++) {
            final int c = firstChannel + row;
            final int channel = c;
            final int shownChannel = explanation.inputChannel(c); // the input channel's own number
            double y = rowsTop + row * pitch + (pitch - mapSide) / 2;
            double mid = y + mapSide / 2;
            Rectangle strip = new Rectangle(inputX - 6, y - 4, interX + mapSide - inputX + 12, mapSide + 8);
            strip.setArcWidth(10);
            strip.setArcHeight(10);
            strip.setFill(Color.rgb(160, 160, 160, 0.2));
            strip.setVisible(false);
            strip.setMouseTransparent(true);
            strip.setId("conv-strip-" + c);
            diagram.getChildren().add(strip);

            Label number = small("#" + shownChannel);
            number.relocate(0, mid - 8);
            diagram.getChildren().add(number);

            HeatmapView in = heatmap(explanation.input(c), inputColors, mapSide);
            in.setId("conv-input-" + c);
            in.relocate(inputX, y);
            HeatmapView inter = heatmap(explanation.intermediate(c), shared, mapSide);
            inter.setId("conv-intermediate-" + c);
            inter.relocate(interX, y);
            for (HeatmapView map : List.of(in, inter)) {
                map.setCursor(Cursor.HAND);
                map.setOnMouseEntered(e -> {
                    strip.setVisible(true);
                    readout.set(String.format(Locale.ROOT, text.getString("conv.readout.channel"), shownChannel));
                });
                map.setOnMouseExited(e -> {
                    strip.setVisible(false);
                    readout.set("");
                });
                map.setOnMouseClicked(e -> onChannelChosen.accept(channel));
                // Keyboard: Tab reaches every map; the strip marks the focused channel; Enter or Space opens it.
                map.setFocusTraversable(true);
                map.focusedProperty().addListener((o, was, now) -> {
                    strip.setVisible(now);
                    if (now) {
                        readout.set(String.format(Locale.ROOT, text.getString("conv.readout.channel"), shownChannel));
                    }
                });
                map.setOnKeyPressed(e -> {
                    if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                        onChannelChosen.accept(channel);
                        e.consume();
                    }
                });
            }
            inputMaps.add(in);
            intermediateMaps.add(inter);

            Node glyphNode = kernelGlyph(explanation.kernel(c), kernelRange, kernelCell, shownChannel);
            glyphNode.relocate(kernelX, mid - glyph / 2);

            diagram.getChildren().addAll(edge(inputX + mapSide, mid, kernelX, mid),
                    edge(kernelX + glyph, mid, interX, mid),
                    edge(interX + mapSide, mid, plusX, plusY + 8),
                    in, inter, glyphNode, frame(inputX, y), frame(interX, y));
            masks.add(masks(interX, y, mapSide));
            outlines.add(outline(inputX, y, mapSide));
            outlines.add(outline(interX, y, mapSide));
        }
        diagram.getChildren().addAll(plus, h, v, bias, biasLabel);

        double outputY = centreY - outputSide / 2;
        outputMap = heatmap(explanation.activation(), shared, outputSide);
        outputMap.setId("conv-output");
        outputMap.relocate(outputX, outputY);
        outputMap.setOnMouseEntered(e -> readout.set(text.getString("conv.readout.output")));
        outputMap.setOnMouseExited(e -> readout.set(""));
        diagram.getChildren().addAll(outputMap, frame(outputX, outputY, outputSide));
        masks.add(masks(outputX, outputY, outputSide));
    }

    /**
     * Which channels are drawn, with buttons to page through the rest; the sum still adds every channel, which the
     * note says, so the output map stays exactly the engine's.
     */
    private void pager(int channels, int shown, double inputX, double y, double noteX, double noteY) {
        Button previousPage = new Button(null, new FontIcon(org.kordamp.ikonli.material2.Material2AL.CHEVRON_LEFT));
        Button nextPage = new Button(null, new FontIcon(org.kordamp.ikonli.material2.Material2AL.CHEVRON_RIGHT));
        previousPage.setId("conv-page-previous");
        nextPage.setId("conv-page-next");
        for (Button b : List.of(previousPage, nextPage)) {
            b.getStyleClass().addAll("flat", "small");
            b.setFocusTraversable(false);
        }
        previousPage.setTooltip(new Tooltip(text.getString("conv.page.previous")));
        nextPage.setTooltip(new Tooltip(text.getString("conv.page.next")));
        previousPage.setDisable(firstChannel == 0);
        nextPage.setDisable(firstChannel + shown >= channels);
        previousPage.setOnAction(e -> page(firstChannel - shown));
        nextPage.setOnAction(e -> page(firstChannel + shown));
        Label range = small(String.format(text.getString("conv.page"), firstChannel, firstChannel + shown - 1, channels));
        range.setId("conv-page");
        HBox bar = new HBox(4, previousPage, range, nextPage);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.relocate(inputX - 6, y);
        Label note = annotationLabel(String.format(text.getString("conv.page.note"), channels - shown), outputSide);
        note.setId("conv-page-note");
        note.relocate(noteX, noteY);
        diagram.getChildren().addAll(bar, note);
    }

    private Label header(String s, double centreX, double y, boolean bold, String id) {
        Label l = new Label(s);
        l.setId(id);
        l.getStyleClass().add(bold ? "view-header-strong" : "view-header");
        l.setAlignment(Pos.CENTER);
        double w = bold ? 270 : 200;
        l.setMinWidth(w);
        l.setPrefWidth(w);
        l.relocate(centreX - w / 2, y);
        diagram.getChildren().add(l);
        return l;
    }

    private void annotation(String s, double centreX, double y, double w, String id) {
        Label l = annotationLabel(s, w);
        l.setId(id);
        l.setAlignment(Pos.CENTER);
        l.relocate(centreX - w / 2, y);
        diagram.getChildren().add(l);
    }

    private static Label annotationLabel(String s, double w) {
        Label l = new Label(s);
        l.getStyleClass().add("view-annotation");
        l.setTextFill(Color.gray(0.45));
        l.setWrapText(true);
        l.setMinWidth(w);
        l.setPrefWidth(w);
        l.setMaxWidth(w);
        return l;
    }

    private static Label small(String s) {
        Label l = new Label(s);
        l.setFont(Font.font(11));
        l.setTextFill(Color.gray(0.4));
        return l;
    }

    private static Line edge(double x1, double y1, double x2, double y2) {
        Line l = new Line(x1, y1, x2, y2);
        l.setStroke(EDGE);
        l.setStrokeWidth(1);
        l.getStrokeDashArray().setAll(4.0, 2.0);
        l.setMouseTransparent(true);
        return l;
    }

    private Rectangle frame(double x, double y) {
        return frame(x, y, mapSide);
    }

    private static Rectangle frame(double x, double y, double side) {
        Rectangle r = new Rectangle(x, y, side, side);
        r.setFill(Color.TRANSPARENT);
        r.setStroke(Color.gray(0.75));
        r.setStrokeWidth(0.6);
        r.setMouseTransparent(true);
        return r;
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
        String weights = kernelText(kernel);
        glyph.setOnMouseEntered(e -> readout.set(String.format(text.getString("conv.readout.kernel"), weights, channel)));
        glyph.setOnMouseExited(e -> readout.set(""));
        return glyph;
    }

    /** {@code [a, b, c; d, e, f; g, h, i]} with two decimals, as CNN Explainer's pill prints a kernel. */
    static String kernelText(float[][] kernel) {
        StringBuilder s = new StringBuilder("[");
        for (int y = 0; y < kernel.length; y++) {
            for (int x = 0; x < kernel[y].length; x++) {
                s.append(MatrixGrid.format(kernel[y][x]));
                s.append(x < kernel[y].length - 1 ? ", " : y < kernel.length - 1 ? "; " : "]");
            }
        }
        return s.toString();
    }

    /** A crisp heatmap: every value a solid square, however the renderer scales images. */
    private static HeatmapView heatmap(float[][] values, DoubleToIntFunction colors, double side) {
        int h = values.length;
        int w = values[0].length;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = colors.applyAsInt(values[y][x]);
            }
        }
        HeatmapView view = new HeatmapView();
        view.showPixels(argb, w, h);
        view.size(side);
        return view;
    }

    private Rectangle[] masks(double x, double y, double side) {
        Rectangle[] cells = new Rectangle[SLIDE_STEPS * SLIDE_STEPS];
        double s = side / SLIDE_STEPS;
        for (int i = 0; i < cells.length; i++) {
            Rectangle r = new Rectangle(x + (i % SLIDE_STEPS) * s, y + (i / SLIDE_STEPS) * s, Math.ceil(s), Math.ceil(s));
            r.setFill(MASK);
            r.setMouseTransparent(true);
            cells[i] = r;
        }
        diagram.getChildren().addAll(cells);
        return cells;
    }

    private Rectangle outline(double x, double y, double side) {
        Rectangle r = new Rectangle(side / SLIDE_STEPS, side / SLIDE_STEPS);
        r.setFill(Color.TRANSPARENT);
        r.setStroke(Color.BLACK);
        r.setStrokeWidth(1.5);
        r.setMouseTransparent(true);
        r.setUserData(new double[] {x, y, side});
        diagram.getChildren().add(r);
        return r;
    }

    private void buildLegends(boolean image) {
        legends.getChildren().clear();
        if (image) {
            legends.getChildren().add(legend(text.getString("conv.legend.input"), ValueColors::input, 0, 1, "0", "1"));
        }
        double r = sharedRange / 2;
        legends.getChildren().add(legend(text.getString("conv.legend.activation"),
                v -> ValueColors.activation(v, sharedRange), -r, r, MatrixGrid.format(-r), MatrixGrid.format(r)));
        double kr = explanation.kernelRange() / 2;
        legends.getChildren().add(legend(text.getString("conv.legend.kernel"),
                v -> ValueColors.weight(v, explanation.kernelRange(), ValueColors.KERNEL_GAP), -kr, kr,
                MatrixGrid.format(-kr), MatrixGrid.format(kr)));
    }

    private static Node legend(String name, DoubleToIntFunction colors, double min, double max, String low, String high) {
        int w = 150;
        float[][] ramp = new float[10][w];
        for (int y = 0; y < ramp.length; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y][x] = (float) (min + (max - min) * x / (w - 1));
            }
        }
        HeatmapView bar = heatmap(ramp, colors, w);
        bar.size(w, 10);
        Label lo = small(low);
        Label hi = small(high);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox ticks = new HBox(lo, gap, hi);
        ticks.setPrefWidth(w);
        ticks.setMaxWidth(w);
        if (min < 0 && max > 0) {
            Label zero = small("0");
            Region gap2 = new Region();
            HBox.setHgrow(gap2, Priority.ALWAYS);
            ticks.getChildren().setAll(lo, gap, zero, gap2, hi);
        }
        Label label = small(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(2, label, bar, ticks);
    }

    private void replaySlide() {
        slide.stop();
        slide.getKeyFrames().clear();
        int steps = SLIDE_STEPS * SLIDE_STEPS;
        for (int i = 0; i < steps; i++) {
            final int index = i;
            slide.getKeyFrames().add(new KeyFrame(Duration.millis(i * SLIDE_STEP_MS), e -> slideTo(index)));
        }
        slide.getKeyFrames().add(new KeyFrame(Duration.millis(steps * SLIDE_STEP_MS), e -> finishSlide()));
        for (Rectangle[] m : masks) {
            for (Rectangle r : m) {
                r.setVisible(true);
            }
        }
        outlines.forEach(o -> o.setVisible(true));
        slideTo(0);
        skip.setGraphic(new FontIcon(Material2MZ.SKIP_NEXT));
        slide.playFromStart();
    }

    private void slideTo(int index) {
        slideStep = index;
        int sx = index % SLIDE_STEPS;
        int sy = index / SLIDE_STEPS;
        for (Rectangle o : outlines) {
            double[] at = (double[]) o.getUserData();
            double s = at[2] / SLIDE_STEPS;
            o.setX(at[0] + sx * s);
            o.setY(at[1] + sy * s);
        }
        for (Rectangle[] m : masks) {
            for (int i = 0; i <= index && i < m.length; i++) {
                m[i].setVisible(false);
            }
        }
    }

    /** Ends the sliding animation: every result revealed, the outlines gone, the button offers a replay. */
    private void finishSlide() {
        slide.stop();
        slideStep = SLIDE_STEPS * SLIDE_STEPS;
        for (Rectangle[] m : masks) {
            for (Rectangle r : m) {
                r.setVisible(false);
            }
        }
        outlines.forEach(o -> o.setVisible(false));
        skip.setGraphic(new FontIcon(Material2MZ.REPLAY));
    }

    boolean isSliding() {
        return slide.getStatus() == Animation.Status.RUNNING;
    }

    /** Position of the sliding outline, 0 … 24, or 25 when the pass is over. */
    int slideStep() {
        return slideStep;
    }

    /** Ends the sliding animation at once (the window was minimised or closed). */
    void stopSliding() {
        if (isSliding()) {
            finishSlide();
        }
    }

    /** The × button: the view closes, as Esc and a click outside it do. */
    void setOnClose(Runnable handler) {
        onClose = handler == null ? () -> { } : handler;
    }

    void setOnChannelChosen(IntConsumer handler) {
        onChannelChosen = handler == null ? c -> { } : handler;
    }

    /** What the pointer is over: a kernel's weights, the bias, or a hint about a map. */
    ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    ConvolutionExplanation explanation() {
        return explanation;
    }

    /** Colour range of the intermediate and output maps. */
    double sharedRange() {
        return sharedRange;
    }

    /** The ARGB colour drawn for cell (x, y) of intermediate map {@code channel} (on the page shown). */
    int intermediateArgb(int channel, int x, int y) {
        return intermediateMaps.get(channel - firstChannel).argbAt(x, y);
    }

    /** The ARGB colour drawn for cell (x, y) of input map {@code channel} (on the page shown). */
    int inputArgb(int channel, int x, int y) {
        return inputMaps.get(channel - firstChannel).argbAt(x, y);
    }

    int outputArgb(int x, int y) {
        return outputMap.argbAt(x, y);
    }
}
