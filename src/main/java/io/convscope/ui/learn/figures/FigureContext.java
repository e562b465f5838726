package io.convscope.ui.learn.figures;

import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.common.Palette;
import javafx.scene.control.Label;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ResourceBundle;

/** What every article figure draws with: the strings, the theme's colours and this image's snapshot. */
record FigureContext(ResourceBundle text, Palette palette, ActivationSnapshot snapshot) {

    static final Font NUMBER_FONT = Font.font(10);
    static final Font SMALL_FONT = Font.font(9);

    NetworkDescription network() {
        return snapshot.network();
    }

    /** The first layer of a kind, or -1. */
    int first(LayerKind kind) {
        return network().firstIndex(l -> l.kind() == kind);
    }

    /** A centred, wrapping caption under a figure. */
    Label caption(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("article-caption");
        l.setWrapText(true);
        l.setTextAlignment(TextAlignment.CENTER);
        l.setMaxWidth(460);
        return l;
    }
}
