package io.convscope.ui.explanation.flatten;

import io.convscope.explain.Decimals;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.DoubleToIntFunction;

import static io.convscope.ui.explanation.flatten.FlattenColumns.caption;

/** A small horizontal colour legend of the flatten view, from -range/2 to +range/2 with its end values. */
final class FlattenLegend extends VBox {

    FlattenLegend(String name, DoubleToIntFunction coloring, double range) {
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
        Label low = caption(Decimals.fixed(-range / 2, 2));
        Label high = caption(Decimals.fixed(range / 2, 2));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox ends = new HBox(low, gap, high);
        ends.setMaxWidth(width);
        ends.setPrefWidth(width);
        getChildren().addAll(caption(name), bar, ends);
        setMouseTransparent(true);
    }
}
