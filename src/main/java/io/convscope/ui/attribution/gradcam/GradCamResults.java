package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.Styles;
import io.convscope.explain.attribution.GradCamWalkthrough;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;

/**
 * The walkthrough's last steps, in the order they are computed: the sum of the weighted maps, its ReLU (the Grad-CAM
 * map at the layer's resolution), the bilinear upsampling to the input and the map over the image.
 */
final class GradCamResults extends GridPane {

    static final double SIDE = 124;

    GradCamResults(GradCamWalkthrough w, GradCamColors colors, GradCamHover hover, ResourceBundle text) {
        setHgap(16);
        setVgap(10);
        setId("gradcam-results");
        int height = w.shape().height();
        int width = w.shape().width();
        int inHeight = w.inputShape().height();
        int inWidth = w.inputShape().width();
        GradCamMapTile sum = new GradCamMapTile(w.sumMap(), width, height, colors::logit, SIDE);
        sum.setId("gradcam-sum");
        hover.layerTile(sum, GradCamHover.Step.SUM, -1);
        GradCamMapTile relu = new GradCamMapTile(w.map(), width, height, colors::logit, SIDE);
        relu.setId("gradcam-relu");
        hover.layerTile(relu, GradCamHover.Step.RELU, -1);
        GradCamMapTile upsampled = new GradCamMapTile(w.upsampled(), inWidth, inHeight, colors::logit, SIDE);
        upsampled.setId("gradcam-upsampled");
        hover.inputTile(upsampled);
        int[] over = GradCamColors.overlay(w.image(), w.inputShape().channels(), w.upsampled());
        GradCamMapTile overlay = new GradCamMapTile(over, inWidth, inHeight, SIDE);
        overlay.setId("gradcam-overlay");
        hover.inputTile(overlay);
        add(cell(text.getString("gradcam.sum"), sum), 0, 0);
        add(cell(String.format(text.getString("gradcam.relu"), height, width), relu), 1, 0);
        add(cell(String.format(text.getString("gradcam.upsampled"), inHeight, inWidth), upsampled), 0, 1);
        add(cell(text.getString("gradcam.overlay"), overlay), 1, 1);
    }

    private static VBox cell(String caption, GradCamMapTile tile) {
        Label l = new Label(caption);
        l.getStyleClass().add("view-header");
        l.setWrapText(true);
        l.setMaxWidth(SIDE + 10);
        l.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(4, l, tile);
        box.getStyleClass().add(Styles.TEXT_SMALL);
        return box;
    }
}
