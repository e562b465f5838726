package io.convscope.ui.attribution;

import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.explain.attribution.ComparisonLayout;
import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapReadout;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The chosen methods side by side on the same image and class: each map crisp at its own resolution and on its own
 * scale (their units differ), captioned with the method and its largest value; hovering reads a cell as in the single
 * view.
 */
final class ComparePanel extends GridPane {

    static final double GAP = 12;
    static final double CAPTION = 38;

    private final Consumer<MapReadout> readout;

    ComparePanel(Consumer<MapReadout> readout) {
        this.readout = readout;
        setId("attribution-compare");
        setHgap(GAP);
        setVgap(GAP);
    }

    void show(List<AttributionResult> results, MapPlane plane, ResourceBundle text, double width, double height) {
        getChildren().clear();
        ComparisonLayout layout = ComparisonLayout.of(results.size(), width, height, GAP, CAPTION);
        for (int i = 0; i < results.size(); i++) {
            AttributionResult r = results.get(i);
            MapTile[] holder = new MapTile[1];
            MapTile tile = new MapTile((row, column) ->
                    readout.accept(row == null ? null : MapReadout.at(r.map(), holder[0].plane(), row, column, text)));
            holder[0] = tile;
            tile.show(r.map(), plane, layout.side());
            AttributionMethod m = r.choice().method();
            Label name = new Label(AttributionControls.methodName(text, m)
                    + (r.map().layer() == null ? "" : " · " + r.map().layer()));
            name.getStyleClass().add("attribution-caption");
            Label range = new Label(String.format(
                    text.getString("attr.compare.range"),
                    tile.scale().format(tile.scale().high())));
            range.getStyleClass().add("attribution-subcaption");
            VBox box = new VBox(2, tile, name, range);
            box.setId("compare-" + m.id());
            add(box, i % layout.columns(), i / layout.columns());
        }
    }
}
