package io.convscope.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.util.ResourceBundle;

/** The chosen image as the student gave it, the 64x64 input the network sees, and what to look for in it. */
final class InputPanel extends VBox {

    static final double WIDTH = 200;
    static final double ORIGINAL_SIZE = 176;
    static final double PROCESSED_SIZE = 128;

    private final ImageView original = new ImageView();
    private final ImageView processed = new ImageView();
    private final Label name = new Label();
    private final Label processedTitle = new Label();
    private final ResourceBundle text;
    private final Label caption = new Label();

    InputPanel(ResourceBundle text) {
        this.text = text;
        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        getStyleClass().add("input-panel");
        original.setFitWidth(ORIGINAL_SIZE);
        original.setFitHeight(ORIGINAL_SIZE);
        original.setPreserveRatio(true);
        original.setSmooth(true);
        processed.setFitWidth(PROCESSED_SIZE);
        processed.setFitHeight(PROCESSED_SIZE);
        processed.setSmooth(false); // the network's pixels, one square each
        processed.setId("processed");
        name.getStyleClass().add("title-4");
        name.setWrapText(true);
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        Label originalTitle = new Label(text.getString("image.original"));
        processedTitle.setText(text.getString("image.processed"));
        originalTitle.getStyleClass().add("text-muted");
        processedTitle.getStyleClass().add("text-muted");
        processedTitle.setWrapText(true);
        getChildren().addAll(name, originalTitle, original, processedTitle, processed, caption);
    }

    void show(String title, BufferedImage upright, BufferedImage input, String captionText) {
        name.setText(title);
        // The model's real input size: 64 x 64 for Tiny VGG, 224 x 224 for VGG-16...
        processedTitle.setText(String.format(text.getString("image.processedSize"), input.getWidth(), input.getHeight()));
        original.setImage(SwingFXUtils.toFXImage(upright, null));
        processed.setImage(SwingFXUtils.toFXImage(input, null));
        caption.setText(captionText == null ? "" : captionText);
    }
}
