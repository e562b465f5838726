package io.convscope.ui.explanation.flatten;

import atlantafx.base.theme.Styles;
import io.convscope.explain.Decimals;
import io.convscope.explain.ValueColors;
import io.convscope.explain.views.FlattenExplanation;
import io.convscope.network.LayerActivation;
import io.convscope.network.Shape;
import io.convscope.ui.common.HeatmapView;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The flatten view's left part: the last pooling layer's maps along the top, each unrolled row by row into a thin
 * column of the flattened vector below it (channel-major), every value coloured by its weight to the class. Hovering
 * a column or a map marks the value in both and reports where it comes from and what it contributes.
 */
final class FlattenColumns {

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

    private final Consumer<String> readout;
    private final Pane strip = new Pane();
    private final Group hoverMarks = new Group();
    private final Rectangle rowMark = new Rectangle();
    private final Rectangle cellMark = new Rectangle();
    private final Line link = new Line();
    private final List<HeatmapView> maps = new ArrayList<>();
    private final List<HeatmapView> columns = new ArrayList<>();
    private FlattenExplanation explanation;
    private String sourceName = "";
    private float[] vector = new float[0];
    private float[] weights = new float[0];
    private float[] products = new float[0];
    private int rows;

    /** {@code readout} receives what the hovered value is, or "" when the pointer leaves. */
    FlattenColumns(Consumer<String> readout) {
        this.readout = readout;
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
    }

    /** Width of the strip: one pitch per channel. */
    double width() {
        return maps.size() * CHANNEL_PITCH;
    }

    double stripHeight() {
        return rows * ROW_HEIGHT;
    }

    /** The marks drawn over everything else on hover: add them to the diagram last. */
    Group hoverMarks() {
        return hoverMarks;
    }

    /** Adds the maps (coloured by {@code mapRange}), their fans and the weight columns to {@code diagram}. */
    void build(
            Pane diagram, LayerActivation source, FlattenExplanation explanation, String sourceName, double mapRange) {
        this.explanation = explanation;
        this.sourceName = sourceName;
        Shape shape = explanation.sourceShape();
        rows = shape.height() * shape.width();
        int channels = shape.channels();
        vector = explanation.vector();
        weights = explanation.weights();
        products = explanation.products();
        double weightRange = explanation.weightRange();
        maps.clear();
        columns.clear();
        strip.getChildren().clear();
        double stripHeight = rows * ROW_HEIGHT;
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
            double columnX = columnX(c);
            Polygon fan = new Polygon(
                    mapX,
                    MAP_TOP + MAP_SIZE + 18,
                    mapX + MAP_SIZE,
                    MAP_TOP + MAP_SIZE + 18,
                    columnX + STRIP_WIDTH,
                    STRIP_TOP - 2,
                    columnX,
                    STRIP_TOP - 2);
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
        double stripWidth = width();
        strip.setPrefSize(stripWidth, stripHeight);
        strip.setMinSize(stripWidth, stripHeight);
        strip.setMaxSize(stripWidth, stripHeight);
        strip.relocate(0, STRIP_TOP);
        strip.resize(stripWidth, stripHeight);
        diagram.getChildren().add(strip);
    }

    private static double columnX(int channel) {
        return channel * CHANNEL_PITCH + (CHANNEL_PITCH - STRIP_WIDTH) / 2;
    }

    /** The vector element under a point of the strip (its own coordinates), or -1 between columns. */
    int indexAt(double x, double y) {
        if (explanation == null || x < 0 || y < 0 || y >= rows * ROW_HEIGHT) {
            return -1;
        }
        int channel = (int) (x / CHANNEL_PITCH);
        double columnX = columnX(channel);
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
        double columnX = columnX(o.channel());
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
        readout.accept(String.format(
                Locale.ROOT,
                "%s #%d (%d, %d): value %s \u00d7 weight %s = %s",
                sourceName,
                o.channel(),
                o.y(),
                o.x(),
                Decimals.fixed(vector[index], 2),
                Decimals.fixed(weights[index], 4),
                Decimals.fixed(products[index], 4)));
    }

    void clearHover() {
        hoverMarks.setVisible(false);
        readout.accept("");
    }

    /** The ARGB colour drawn for vector element {@code index}. */
    int stripArgb(int index) {
        return columns.get(index / rows).argbAt(0, index % rows);
    }

    /** Small muted text, as every caption of the flatten view. */
    static Label caption(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setStyle("-fx-font-size: 12px;");
        return l;
    }
}
