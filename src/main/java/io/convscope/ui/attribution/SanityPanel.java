package io.convscope.ui.attribution;

import io.convscope.explain.Decimals;
import io.convscope.explain.attribution.MapPlane;
import io.convscope.explain.attribution.MapReadout;
import io.convscope.network.AttributionMap;
import io.convscope.network.SanityStep;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The sanity check (Adebayo et al. 2018) as a row of maps: the trained model's map, then the map after each layer
 * from the top down has had its weights replaced by random draws, each captioned with the layer and its similarity to
 * the first (Spearman's rank correlation and SSIM, the engine's figures), and a sentence on how to read the row.
 */
final class SanityPanel extends VBox {

    static final double SIDE = 120;

    private final Consumer<MapReadout> readout;

    SanityPanel(Consumer<MapReadout> readout) {
        super(8);
        this.readout = readout;
        setId("attribution-sanity");
    }

    void show(AttributionMap original, List<SanityStep> steps, ResourceBundle text) {
        Label how = new Label(text.getString("attr.sanity.read"));
        how.setWrapText(true);
        how.setId("sanity-how");
        HBox row = new HBox(10);
        row.getChildren().add(tile(original, text.getString("attr.sanity.trained"), "", text));
        for (SanityStep s : steps) {
            row.getChildren()
                    .add(tile(
                            s.map(),
                            String.format(text.getString("attr.sanity.layer"), s.layer()),
                            String.format(
                                    text.getString("attr.sanity.similarity"),
                                    Decimals.fixed(s.spearman(), 2),
                                    Decimals.fixed(s.similarity(), 2)),
                            text));
        }
        ScrollPane scroll = new ScrollPane(row);
        scroll.setFitToHeight(true);
        scroll.setPrefViewportHeight(SIDE + 60);
        getChildren().setAll(how, scroll);
    }

    private VBox tile(AttributionMap map, String caption, String similarity, ResourceBundle text) {
        MapTile[] holder = new MapTile[1];
        MapTile tile = new MapTile(
                (r, c) -> readout.accept(r == null ? null : MapReadout.at(map, holder[0].plane(), r, c, text)));
        holder[0] = tile;
        tile.show(map, MapPlane.MAGNITUDE, SIDE);
        Label name = new Label(caption);
        name.getStyleClass().add("attribution-caption");
        Label alike = new Label(similarity);
        alike.getStyleClass().add("attribution-subcaption");
        name.setWrapText(true);
        name.setMaxWidth(SIDE);
        VBox box = new VBox(2, tile, name, alike);
        box.getStyleClass().add("sanity-step");
        box.setMaxWidth(SIDE);
        return box;
    }
}
