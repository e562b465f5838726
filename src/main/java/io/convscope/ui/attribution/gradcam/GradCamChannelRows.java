package io.convscope.ui.attribution.gradcam;

import atlantafx.base.theme.Styles;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.explain.attribution.GradCamWalkthroughFormulas;
import io.convscope.explain.attribution.GradCamWalkthroughRest;
import io.convscope.ui.common.Palette;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.ResourceBundle;

/**
 * The channels, one row each, strongest |alpha_k| first: its map A_k, its gradient dy/dA_k, the bar of alpha_k and the
 * weighted map alpha_k A_k. After the rows drawn, one row sums the others (their map and their share of the weighted
 * values), with a button to draw more.
 */
final class GradCamChannelRows extends VBox {

    static final double MAP = 58;
    static final double NUMBER = 62;
    static final double BAR = 96;
    static final double GAP = 14;

    GradCamChannelRows(
            GradCamWalkthrough w,
            int shown,
            GradCamWalkthroughRest rest,
            GradCamColors colors,
            GradCamHover hover,
            ResourceBundle text,
            Runnable more) {
        super(6);
        setId("gradcam-rows");
        int height = w.shape().height();
        int width = w.shape().width();
        for (int r = 0; r < shown; r++) {
            int k = w.ranked(r);
            GradCamMapTile a = new GradCamMapTile(w.activation(k), width, height, colors::map, MAP);
            a.setId("gradcam-a-" + k);
            hover.layerTile(a, GradCamHover.Step.ACTIVATION, k);
            GradCamMapTile g = new GradCamMapTile(w.gradient(k), width, height, colors::gradient, MAP);
            g.setId("gradcam-g-" + k);
            hover.layerTile(g, GradCamHover.Step.GRADIENT, k);
            GradCamMapTile weighted = new GradCamMapTile(w.weighted(k), width, height, colors::logit, MAP);
            weighted.setId("gradcam-weighted-" + k);
            hover.layerTile(weighted, GradCamHover.Step.WEIGHTED, k);
            Node bar = alphaBar(w.alpha(k), colors, k, hover);
            getChildren().add(row(number(String.format(text.getString("gradcam.channel"), k)), a, g, bar, weighted));
        }
        if (rest.channels() > 0) {
            GradCamMapTile map = new GradCamMapTile(rest.map(), width, height, colors::logit, MAP);
            map.setId("gradcam-rest");
            hover.layerTile(map, GradCamHover.Step.REST, -1);
            Label what = new Label(String.format(text.getString("gradcam.rest"), rest.channels()));
            what.setId("gradcam-rest-label");
            what.setWrapText(true);
            Label share = new Label(String.format(
                    text.getString("gradcam.rest.share"), GradCamWalkthroughFormulas.number(100 * rest.share())));
            share.setId("gradcam-rest-share");
            share.setWrapText(true);
            share.getStyleClass().add(Styles.TEXT_MUTED);
            Button moreButton = new Button(
                    String.format(text.getString("gradcam.more"), Math.min(GradCamSteps.MORE, rest.channels())));
            moreButton.setId("gradcam-more");
            moreButton.getStyleClass().addAll(Styles.SMALL);
            moreButton.setOnAction(e -> more.run());
            VBox words = new VBox(4, what, share, moreButton);
            words.setPrefWidth(2 * MAP + BAR + 2 * GAP);
            words.setMaxWidth(2 * MAP + BAR + 2 * GAP);
            HBox row = new HBox(GAP, number("+"), words, map);
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        }
    }

    private static HBox row(Node... cells) {
        HBox row = new HBox(GAP, cells);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Label number(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setMinWidth(NUMBER);
        l.setPrefWidth(NUMBER);
        return l;
    }

    /** alpha_k as a bar from a centre line (right for positive, left for negative) with its value. */
    private static Node alphaBar(float alpha, GradCamColors colors, int k, GradCamHover hover) {
        double half = (BAR - 8) / 2;
        double length = Math.abs(alpha) / (colors.alphas() / 2) * half;
        Rectangle bar = new Rectangle(alpha >= 0 ? half : half - length, 0, Math.max(1, length), 12);
        bar.setFill(Palette.fx(colors.alpha(alpha)));
        bar.setStroke(Color.gray(0.55));
        bar.setStrokeWidth(0.5);
        Rectangle axis = new Rectangle(half - 0.5, -3, 1, 18);
        axis.setFill(Color.gray(0.55));
        Pane track = new Pane(bar, axis);
        track.setPrefSize(2 * half, 12);
        track.setMinSize(2 * half, 12);
        Label value = new Label(GradCamWalkthroughFormulas.number(alpha));
        value.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        VBox box = new VBox(3, track, value);
        box.setAlignment(Pos.CENTER);
        box.setId("gradcam-alpha-" + k);
        box.setPrefWidth(BAR);
        box.setMinWidth(BAR);
        box.setMinHeight(Region.USE_PREF_SIZE);
        box.setCursor(Cursor.CROSSHAIR);
        box.setOnMouseEntered(e -> hover.alpha(k));
        box.setFocusTraversable(true);
        box.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                hover.alpha(k);
            }
        });
        return box;
    }
}
