package io.convscope.ui.attribution;

import io.convscope.engine.attribution.Heatmaps;
import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.explain.attribution.MapScale;
import io.convscope.explain.attribution.MethodFormula;
import io.convscope.network.AttributionMap;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * One map, twice: over the photo the network sees (stretched to the input for the CAMs and occlusion, as the engine's
 * {@link Heatmaps#atInputSize} does; as opaque as the slider says) and on its own as a crisp heatmap at its own
 * resolution with a legend in its numbers; below them the method's formula with the real values. Hovering either
 * reads the raw value of the map cell under the pointer.
 */
final class MapPanel extends VBox {

    /** The largest map side in the single view, in pixels (a big window). */
    static final double MAX_SIDE = 400;

    /**
     * The side of a map in the single view for a maps area of {@code width} x {@code height} (0 before the first
     * layout): two maps and the formula fit, at most {@value #MAX_SIDE}.
     */
    static double side(double width, double height) {
        double w = width > 0 ? width : 700;
        double h = height > 0 ? height : 420;
        return Math.max(96, Math.floor(Math.min(MAX_SIDE, Math.min((w - GAP - 40) / 2, h - 190))));
    }

    static final double GAP = 16;

    private final HeatmapView photo = new HeatmapView();
    private final HeatmapView overlay = new HeatmapView();
    private final MapTile tile;
    private final MapLegend legend = new MapLegend();
    private final Label overlayCaption = new Label();
    private final Label tileCaption = new Label();
    private final Slider opacity = new Slider(0, 1, 0.7);
    private final VBox formula = new VBox(4);
    private final Consumer<MapReadout> readout;
    private ResourceBundle text;
    private AttributionResult result;

    MapPanel(ResourceBundle text, DoubleProperty opacityState, Consumer<MapReadout> readout) {
        super(10);
        this.text = text;
        this.readout = readout;
        setId("attribution-single");
        tile = new MapTile(this::hover);
        opacity.setId("attribution-opacity");
        opacity.valueProperty().bindBidirectional(opacityState);
        overlay.opacityProperty().bind(opacity.valueProperty());
        StackPane picture = new StackPane(photo, overlay);
        picture.setAlignment(Pos.TOP_LEFT);
        picture.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        picture.setId("attribution-overlay");
        picture.addEventHandler(MouseEvent.MOUSE_MOVED, e -> overlayHover(e.getX(), e.getY()));
        picture.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null, null));
        Label opacityLabel = new Label();
        opacityLabel.setId("attribution-opacity-label");
        HBox opacityRow = new HBox(6, opacityLabel, opacity);
        opacityRow.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, overlayCaption, picture, opacityRow);
        VBox right = new VBox(6, tileCaption, tile, legend);
        HBox maps = new HBox(GAP, left, right);
        formula.setId("attribution-formula");
        formula.getStyleClass().add("attribution-formula");
        getChildren().setAll(maps, formula);
        relabel(text);
    }

    void relabel(ResourceBundle t) {
        text = t;
        ((Label) ((HBox) opacity.getParent()).getChildren().get(0)).setText(t.getString("attr.opacity"));
        overlayCaption.setText(t.getString("attr.overlay"));
    }

    /** Draws {@code r} with maps of {@code side} pixels. */
    void show(AttributionResult r, MapPlane plane, String baselineName, Palette palette, double side) {
        result = r;
        AttributionMap map = r.map();
        tile.show(map, plane, side);
        MapScale scale = tile.scale();
        legend.show(scale, palette, side);
        int h = r.model().model().inputHeight();
        int w = r.model().model().inputWidth();
        photo.showPixels(photoPixels(r.image(), h, w, true), w, h);
        float[] over = plane.fitting(map).channel() >= 0 ? plane.values(map) : Heatmaps.atInputSize(map, h, w);
        int[] tint = new int[over.length];
        for (int i = 0; i < over.length; i++) {
            tint[i] = scale.overlayArgb(over[i]);
        }
        overlay.showPixels(tint, w, h);
        photo.size(side, side * h / w);
        overlay.size(side, side * h / w);
        tileCaption.setText(String.format(
                text.getString(map.layer() == null ? "attr.heatmap" : "attr.heatmap.layer"),
                map.shape().height(),
                map.shape().width(),
                map.layer()));
        formula.getChildren().clear();
        boolean cell = !r.model().model().description().predictsClasses();
        int[] c = r.choice().cell();
        String target = cell
                ? String.format(text.getString("attr.cell.named"), c[0], c[1], c[2])
                : ClassNames.display(text, map.targetName());
        for (String line : MethodFormula.lines(map, r.layer(), baselineName, target, cell, text)) {
            Label l = new Label(line);
            l.setWrapText(true);
            formula.getChildren().add(l);
        }
    }

    void redrawLegend() {
        legend.draw();
    }

    /**
     * The photo as the network sees it: its input values (RGB / 255, or grey for one channel) as colours, or in grey
     * (Rec. 601 luma) under a map, so the map's red reads on any photo (a red cup under a red map), as the CLI's PNG.
     */
    static int[] photoPixels(float[] image, int h, int w, boolean grey) {
        int plane = h * w;
        int channels = image.length / plane;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int[] rgb = new int[3];
            for (int c = 0; c < 3; c++) {
                float v = image[Math.min(c, channels - 1) * plane + i];
                rgb[c] = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
            }
            if (grey) {
                int luma = (int) Math.round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
                rgb = new int[] {luma, luma, luma};
            }
            argb[i] = 0xFF000000 | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
        }
        return argb;
    }

    private void overlayHover(double x, double y) {
        if (result == null || x < 0 || y < 0 || x >= photo.getFitWidth() || y >= photo.getFitHeight()) {
            hover(null, null);
            return;
        }
        AttributionMap map = result.map();
        int row = (int) (y / photo.getFitHeight() * map.shape().height());
        int column = (int) (x / photo.getFitWidth() * map.shape().width());
        hover(row, column);
    }

    private void hover(Integer row, Integer column) {
        if (result == null || row == null) {
            readout.accept(null);
            return;
        }
        readout.accept(MapReadout.at(result.map(), tile.plane(), row, column, text));
    }

    MapTile tile() {
        return tile;
    }

    String formulaText() {
        StringBuilder s = new StringBuilder();
        formula.getChildren().forEach(n -> s.append(((Label) n).getText()).append('\n'));
        return s.toString();
    }
}
