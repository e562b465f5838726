package io.convscope.ui;

import io.convscope.explain.FlattenExplanation;
import io.convscope.explain.ShownSum;
import io.convscope.explain.ValueColors;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerActivation;
import io.convscope.network.Shape;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The flatten elastic explanation (CNN Explainer §2.10) as a static diagram for one output class k: the last pooling
 * layer's maps along the top, each unrolled row by row into a thin column of the flattened vector right below it
 * (channel-major: map #0's 169 values, then map #1's, …), every value of that vector coloured by its weight to class
 * k. On the right the products are added up with the bias into the class logit, which leads into the softmax box.
 * Hovering the vector (or a map) tells where a value comes from and what it contributes.
 */
public final class FlattenView extends BorderPane {

    /** Side of one map heatmap. */
    static final double MAP_SIZE = 56;
    /** Horizontal distance between two channels (map and column). */
    static final double CHANNEL_PITCH = 68;
    /** Width of one channel's column of the flattened vector. */
    static final double STRIP_WIDTH = 14;
    /** Height of one value of the flattened vector. */
    static final double ROW_HEIGHT = 3;
    /** Where the strip starts below the top of the diagram. */
    static final double STRIP_TOP = 128;
    static final double MAP_TOP = 26;

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    /**
     * Wide enough for the output label ("espresso (probability 0.9816)") in its real, styled font, however long the
     * class name: FitToSize scales the diagram down rather than clip it. Computed, not set from a listener on the
     * label: a preferred size set during a layout pass never reached FitToSize, which kept the old scale and cut the
     * label (after closing the softmax panel).
     */
    private final Pane diagram = new Pane() {
        @Override
        protected double computePrefWidth(double height) {
            return output == null ? 0 : Math.max(output.getLayoutX() + 170, output.getLayoutX() + output.prefWidth(-1) + 16);
        }
    };
    private Label output;
    private final Pane strip = new Pane();
    private final Group hoverMarks = new Group();
    private final Rectangle rowMark = new Rectangle();
    private final Rectangle cellMark = new Rectangle();
    private final Line link = new Line();
    private final Label title = new Label();
    private final Label sum = new Label();
    private final Label readoutLabel = new Label();
    private final List<HeatmapView> maps = new ArrayList<>();
    private final List<HeatmapView> columns = new ArrayList<>();
    private Runnable onSoftmaxChosen = () -> { };
    private Runnable onClose = () -> { };
    private FlattenExplanation explanation;
    private String sourceName = "";
    private float[] vector = new float[0];
    private float[] weights = new float[0];
    private float[] products = new float[0];
    private int rows;

    public FlattenView(ResourceBundle text) {
        this.text = text;
        getStyleClass().add("flatten-view");
        setPadding(new Insets(14, 18, 14, 18));

        title.getStyleClass().add("title-3");
        title.setId("flatten-title");
        Button info = new InfoButton("flatten-info", text.getString("flatten.info"), io.convscope.explain.Article.FLATTEN);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, info,
                new CloseButton("flatten-close", text.getString("flatten.close"), () -> onClose.run()));
        header.setAlignment(Pos.CENTER_LEFT);
        setTop(header);

        strip.setId("flatten-strip");
        strip.setCursor(Cursor.CROSSHAIR);
        strip.setPickOnBounds(true);
        strip.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoverStrip(e.getX(), e.getY()));
        strip.addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
        for (Rectangle r : new Rectangle[] {rowMark, cellMark}) {
            r.setFill(Color.TRANSPARENT);
            r.setStroke(Color.rgb(30, 30, 30));
            r.setStrokeWidth(1.5);
            r.setMouseTransparent(true);
        }
        link.setStroke(Color.rgb(60, 60, 60, 0.6));
        link.getStrokeDashArray().setAll(3.0, 3.0);
        link.setMouseTransparent(true);
        hoverMarks.getChildren().addAll(link, rowMark, cellMark);
        hoverMarks.setVisible(false);
        hoverMarks.setMouseTransparent(true);
        diagram.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        VBox.setMargin(diagram, new Insets(8, 0, 0, 0));

        sum.setId("flatten-sum");
        sum.getStyleClass().add("formula");
        sum.setStyle("-fx-font-family: monospace; -fx-font-size: 15px;");
        readoutLabel.setId("flatten-readout");
        readoutLabel.getStyleClass().add("text-muted");
        readoutLabel.setGraphic(new FontIcon(Material2MZ.MOUSE));
        // The numbers in monospace so they do not jump while the pointer moves; the hint in the normal font.
        readout.addListener((o, was, now) -> {
            readoutLabel.setText(now.isEmpty() ? text.getString("flatten.hint") : now);
            readoutLabel.setStyle(now.isEmpty() ? "" : "-fx-font-family: monospace;");
        });
        readoutLabel.setText(text.getString("flatten.hint"));
        VBox body = new VBox(10, diagram, readoutLabel, sum);
        setCenter(body);
    }

    /**
     * Shows how the logit of class {@code classIndex} of output layer {@code outputLayer} is computed from the
     * flattened maps; {@code mapRange} is the colour range of the maps (the pooling layer's).
     */
    public void show(ActivationSnapshot s, int outputLayer, int classIndex, double mapRange) {
        explanation = new FlattenExplanation(s, outputLayer, classIndex);
        vector = explanation.vector();
        weights = explanation.weights();
        products = explanation.products();
        Shape shape = explanation.sourceShape();
        rows = shape.height() * shape.width();
        int channels = shape.channels();
        sourceName = s.network().layer(explanation.sourceLayer()).name();
        String className = ClassNames.display(text, s.network().classes().get(classIndex));
        double weightRange = explanation.weightRange();
        float logit = s.logit(classIndex);
        float[] logits = s.logits();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        title.setText(String.format(text.getString("flatten.title"), className));

        diagram.getChildren().clear();
        maps.clear();
        columns.clear();
        strip.getChildren().clear();
        LayerActivation source = s.layer(explanation.sourceLayer());
        double stripHeight = rows * ROW_HEIGHT;
        double stripWidth = channels * CHANNEL_PITCH;

        Label mapsLabel = caption(String.format(text.getString("flatten.maps"), sourceName, channels,
                shape.height(), shape.width()));
        mapsLabel.relocate(0, 0);
        Label vectorLabel = caption(String.format(text.getString("flatten.vector"), vector.length, className));
        vectorLabel.setWrapText(true);
        vectorLabel.setMaxWidth(250);
        vectorLabel.relocate(channels * CHANNEL_PITCH + 22, STRIP_TOP);
        diagram.getChildren().addAll(mapsLabel, vectorLabel);

        int[] argb = new int[rows];
        for (int c = 0; c < channels; c++) {
            double mapX = c * CHANNEL_PITCH + (CHANNEL_PITCH - MAP_SIZE) / 2;
            HeatmapView map = new HeatmapView();
            map.setId("flatten-map-" + c);
            map.show(source, c, v -> ValueColors.activation(v, mapRange));
            map.size(MAP_SIZE);
            map.relocate(mapX, MAP_TOP);
            final int channel = c;
            map.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
                int[] cell = map.cellAt(e.getX(), e.getY());
                if (cell != null) {
                    hoverIndex(channel * rows + cell[0] * shape.width() + cell[1]);
                }
            });
            map.addEventHandler(MouseEvent.MOUSE_EXITED, e -> clearHover());
            map.setCursor(Cursor.CROSSHAIR);
            maps.add(map);
            Rectangle frame = new Rectangle(mapX - 0.5, MAP_TOP - 0.5, MAP_SIZE + 1, MAP_SIZE + 1);
            frame.setFill(Color.TRANSPARENT);
            frame.setStroke(Color.rgb(150, 150, 150));
            frame.setMouseTransparent(true);
            Label number = caption("#" + c);
            number.setMinWidth(CHANNEL_PITCH);
            number.setAlignment(Pos.CENTER);
            number.relocate(c * CHANNEL_PITCH, MAP_TOP + MAP_SIZE + 2);
            // The fan from the bottom of the map to the top of its column: "this map becomes this column".
            double columnX = c * CHANNEL_PITCH + (CHANNEL_PITCH - STRIP_WIDTH) / 2;
            Polygon fan = new Polygon(mapX, MAP_TOP + MAP_SIZE + 18, mapX + MAP_SIZE, MAP_TOP + MAP_SIZE + 18,
                    columnX + STRIP_WIDTH, STRIP_TOP - 2, columnX, STRIP_TOP - 2);
            fan.setFill(Color.rgb(150, 150, 150, 0.18));
            fan.setMouseTransparent(true);
            diagram.getChildren().addAll(map, frame, number, fan);

            for (int i = 0; i < rows; i++) {
                argb[i] = ValueColors.weight(weights[c * rows + i], weightRange, ValueColors.DENSE_GAP);
            }
            HeatmapView column = new HeatmapView();
            column.showPixels(argb.clone(), 1, rows);
            column.size(STRIP_WIDTH, stripHeight);
            column.relocate(columnX, 0);
            columns.add(column);
            Rectangle border = new Rectangle(columnX - 0.5, -0.5, STRIP_WIDTH + 1, stripHeight + 1);
            border.setFill(Color.TRANSPARENT);
            border.setStroke(Color.rgb(120, 120, 120));
            border.setStrokeWidth(1);
            strip.getChildren().addAll(column, border);
        }
        strip.setPrefSize(stripWidth, stripHeight);
        strip.setMinSize(stripWidth, stripHeight);
        strip.setMaxSize(stripWidth, stripHeight);
        strip.relocate(0, STRIP_TOP);
        strip.resize(stripWidth, stripHeight);
        diagram.getChildren().add(strip);

        // Right side: all products gather into the plus, the bias joins, the logit leads into softmax.
        double midY = STRIP_TOP + stripHeight / 2;
        double bracketX = stripWidth + 8;
        Line bracket = new Line(bracketX, STRIP_TOP, bracketX, STRIP_TOP + stripHeight);
        Line top = new Line(bracketX - 6, STRIP_TOP, bracketX, STRIP_TOP);
        Line bottom = new Line(bracketX - 6, STRIP_TOP + stripHeight, bracketX, STRIP_TOP + stripHeight);
        double plusX = bracketX + 150;
        Line toPlus = new Line(bracketX, midY, plusX - 18, midY);
        for (Line l : new Line[] {bracket, top, bottom, toPlus}) {
            l.setStroke(Color.rgb(140, 140, 140));
            l.setStrokeWidth(1.5);
        }
        Label products = caption(text.getString("flatten.products"));
        products.setWrapText(true);
        products.setMaxWidth(135);
        products.relocate(bracketX + 8, midY - 64);

        Circle plus = new Circle(plusX, midY, 18, Color.WHITE);
        plus.setStroke(Color.rgb(120, 120, 120));
        plus.setStrokeWidth(1.5);
        Label plusSign = new Label("+");
        plusSign.getStyleClass().add("flatten-plus");
        plusSign.setTextFill(Color.rgb(50, 50, 50)); // on the white circle in both themes
        StackPane plusText = centred(plusSign, plusX, midY, 36);
        int biasColor = ValueColors.weight(explanation.bias(), weightRange, ValueColors.DENSE_GAP);
        Circle bias = new Circle(plusX, midY - 56, 7, Palette.fx(biasColor));
        bias.setStroke(Color.rgb(120, 120, 120));
        Line biasLine = new Line(plusX, midY - 49, plusX, midY - 18);
        biasLine.setStroke(Color.rgb(140, 140, 140));
        Label biasLabel = caption(String.format(text.getString("flatten.bias"), twoDecimals(explanation.bias())));
        biasLabel.relocate(plusX - 40, midY - 88);
        Tooltip.install(bias, new Tooltip(text.getString("flatten.bias.info")));

        double logitX = plusX + 96;
        Line toLogit = arrow(plusX + 18, midY, logitX - 28);
        Circle logitCircle = new Circle(logitX, midY, 26, Palette.fx(ValueColors.logit(logit, min, max)));
        logitCircle.setId("flatten-logit");
        logitCircle.setStroke(Color.rgb(120, 80, 40));
        Label logitValue = new Label(twoDecimals(logit));
        logitValue.getStyleClass().add("view-header-strong");
        logitValue.setTextFill(readableOn(ValueColors.logit(logit, min, max)));
        StackPane logitText = centred(logitValue, logitX, midY, 52);
        Label logitLabel = caption(text.getString("flatten.logit"));
        logitLabel.setMinWidth(120);
        logitLabel.setAlignment(Pos.CENTER);
        logitLabel.relocate(logitX - 60, midY + 32);
        Tooltip.install(logitCircle, new Tooltip(String.format(text.getString("flatten.logit.tooltip"),
                fourDecimals(logit))));

        double boxX = logitX + 74;
        Line toSoftmax = arrow(logitX + 26, midY, boxX - 2);
        Button softmax = new Button(text.getString("flatten.softmax"));
        softmax.setId("flatten-softmax");
        softmax.setTooltip(new Tooltip(text.getString("flatten.softmax.tooltip")));
        softmax.setOnAction(e -> onSoftmaxChosen.run());
        softmax.setPrefSize(92, 36);
        softmax.relocate(boxX, midY - 18);
        Label click = caption(text.getString("flatten.softmax.hint"));
        click.setMinWidth(130);
        click.setAlignment(Pos.CENTER);
        click.relocate(boxX - 19, midY + 22);
        double outX = boxX + 92 + 44;
        Line toOutput = arrow(boxX + 92, midY, outX - 4);
        output = new Label(String.format(text.getString("flatten.output"), className,
                fourDecimals(s.probability(classIndex))));
        output.setId("flatten-output");
        output.getStyleClass().add("view-header-strong");
        output.relocate(outX, midY - 10);

        LegendBar weightLegend = new LegendBar(String.format(text.getString("flatten.weightLegend"), className),
                v -> ValueColors.weight(v, weightRange, ValueColors.DENSE_GAP), weightRange);
        weightLegend.relocate(bracketX + 14, STRIP_TOP + 66);
        LegendBar mapLegend = new LegendBar(String.format(text.getString("flatten.mapLegend"), sourceName),
                v -> ValueColors.activation(v, mapRange), mapRange);
        mapLegend.relocate(stripWidth + 20, MAP_TOP);

        diagram.getChildren().addAll(bracket, top, bottom, toPlus, products, biasLine, plus, plusText, bias,
                biasLabel, toLogit, logitCircle, logitText, logitLabel, toSoftmax, softmax, click, toOutput, output,
                weightLegend, mapLegend, hoverMarks);
        diagram.setPrefHeight(STRIP_TOP + stripHeight + 4);
        diagram.requestLayout();

        double productSum = 0;
        for (float p : this.products) {
            productSum += p;
        }
        // As many decimals as it takes for the printed products and bias to add up to the printed logit.
        ShownSum shown = ShownSum.of(logit, 2, 4, productSum, explanation.bias());
        sum.setText(String.format(text.getString("flatten.sum.shown"), shown.joined(), shown.relation(), shown.total()));
        clearHover();
    }

    /** The vector element under a point of the strip (its own coordinates), or -1 between columns. */
    int indexAt(double x, double y) {
        if (explanation == null || x < 0 || y < 0 || y >= rows * ROW_HEIGHT) {
            return -1;
        }
        int channel = (int) (x / CHANNEL_PITCH);
        double columnX = channel * CHANNEL_PITCH + (CHANNEL_PITCH - STRIP_WIDTH) / 2;
        if (channel >= maps.size() || x < columnX || x >= columnX + STRIP_WIDTH) {
            return -1;
        }
        return channel * rows + (int) (y / ROW_HEIGHT);
    }

    private void hoverStrip(double x, double y) {
        int index = indexAt(x, y);
        if (index < 0) {
            clearHover();
        } else {
            hoverIndex(index);
        }
    }

    private void hoverIndex(int index) {
        FlattenExplanation.Origin o = explanation.origin(index);
        int width = explanation.sourceShape().width();
        int height = explanation.sourceShape().height();
        double columnX = o.channel() * CHANNEL_PITCH + (CHANNEL_PITCH - STRIP_WIDTH) / 2;
        double rowY = STRIP_TOP + (index % rows) * ROW_HEIGHT;
        rowMark.setX(columnX - 3);
        rowMark.setY(rowY - 1);
        rowMark.setWidth(STRIP_WIDTH + 6);
        rowMark.setHeight(ROW_HEIGHT + 2);
        double cell = MAP_SIZE / width;
        double mapX = o.channel() * CHANNEL_PITCH + (CHANNEL_PITCH - MAP_SIZE) / 2;
        cellMark.setX(mapX + o.x() * cell - 1);
        cellMark.setY(MAP_TOP + o.y() * (MAP_SIZE / height) - 1);
        cellMark.setWidth(cell + 2);
        cellMark.setHeight(MAP_SIZE / height + 2);
        link.setStartX(cellMark.getX() + cellMark.getWidth() / 2);
        link.setStartY(cellMark.getY() + cellMark.getHeight());
        link.setEndX(columnX + STRIP_WIDTH / 2);
        link.setEndY(rowY);
        hoverMarks.setVisible(true);
        // Dense weights are small: with two decimals most weights and products would read 0.00.
        readout.set(String.format(Locale.ROOT, "%s #%d (%d, %d): value %s \u00d7 weight %s = %s", sourceName,
                o.channel(), o.y(), o.x(), twoDecimals(vector[index]), fourDecimals(weights[index]),
                fourDecimals(products[index])));
    }

    private void clearHover() {
        hoverMarks.setVisible(false);
        readout.set("");
    }

    /** The × button: the view closes, as Esc and a click outside it do. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    public void setOnSoftmaxChosen(Runnable action) {
        onSoftmaxChosen = action == null ? () -> { } : action;
    }

    /** What the hovered value is: "max_pool_2 #c (y, x): value 1.23 × weight -0.05 = -0.06", or "" when none. */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** The sum line: Σ products + bias = logit with the numbers of the shown class. */
    public String sumText() {
        return sum.getText();
    }

    /** The ARGB colour drawn for vector element {@code index} (what tests compare with the weight scale). */
    int stripArgb(int index) {
        return columns.get(index / rows).argbAt(0, index % rows);
    }

    FlattenExplanation explanation() {
        return explanation;
    }

    private static Label caption(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("text-muted");
        l.setStyle("-fx-font-size: 12px;");
        return l;
    }

    private static StackPane centred(Label label, double cx, double cy, double size) {
        StackPane p = new StackPane(label);
        p.setMouseTransparent(true);
        p.setPrefSize(size, size);
        p.resizeRelocate(cx - size / 2, cy - size / 2, size, size);
        return p;
    }

    private static Line arrow(double fromX, double y, double toX) {
        Line l = new Line(fromX, y, toX, y);
        l.setStroke(Color.rgb(140, 140, 140));
        l.setStrokeWidth(1.5);
        return l;
    }

    static Color readableOn(int argb) {
        Color c = Palette.fx(argb);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 0.55 ? Color.rgb(30, 30, 30) : Color.WHITE;
    }

    static String twoDecimals(double v) {
        return fixed(v, 2);
    }

    static String fourDecimals(double v) {
        return fixed(v, 4);
    }

    private static String fixed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0\\.0*") ? s.substring(1) : s;
    }

    /** A small horizontal colour legend from -range/2 to +range/2 with its end values. */
    private static final class LegendBar extends VBox {
        LegendBar(String name, java.util.function.DoubleToIntFunction coloring, double range) {
            super(2);
            int width = 120;
            WritableImage image = new WritableImage(width, 10);
            for (int x = 0; x < width; x++) {
                int argb = coloring.applyAsInt(-range / 2 + range * (x + 0.5) / width);
                for (int y = 0; y < 10; y++) {
                    image.getPixelWriter().setArgb(x, y, argb);
                }
            }
            ImageView bar = new ImageView(image);
            Label low = caption(twoDecimals(-range / 2));
            Label high = caption(twoDecimals(range / 2));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox ends = new HBox(low, gap, high);
            ends.setMaxWidth(width);
            ends.setPrefWidth(width);
            getChildren().addAll(caption(name), bar, ends);
            setMouseTransparent(true);
        }
    }
}
