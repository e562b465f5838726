package io.convscope.ui.attribution;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.ResourceBundle;

/**
 * A view laid over the maps area (e.g. Grad-CAM step by step), with a close button in its header; closing it (the
 * button, or Esc from the attribution view) shows the maps again, as they were.
 */
final class DetailLayer extends BorderPane {

    private final Button close = new Button(null, new FontIcon(Material2AL.CLOSE));

    DetailLayer() {
        setId("attribution-detail");
        getStyleClass().add("attribution-detail");
        // Opaque in the theme's own background: the maps under it must not show through.
        setStyle("-fx-background-color: -color-bg-default;");
        close.setId("attribution-detail-close");
        close.getStyleClass().add("flat");
        close.setOnAction(e -> close());
        HBox header = new HBox(close);
        header.setAlignment(Pos.TOP_RIGHT);
        header.setPadding(new Insets(4));
        setTop(header);
        setVisible(false);
    }

    void relabel(ResourceBundle text) {
        close.setTooltip(new Tooltip(text.getString("attr.detail.close")));
    }

    void show(Node node) {
        setCenter(node);
        setVisible(true);
        close.requestFocus();
    }

    void close() {
        setCenter(null);
        setVisible(false);
    }

    boolean isShowing() {
        return isVisible();
    }
}
