package io.convscope.ui.architecture;

import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;

/** The box over the architecture graph while a network loads: the phase, its progress and a Cancel button. */
final class ArchitectureLoadingOverlay extends VBox {

    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel = new Button();

    ArchitectureLoadingOverlay(ResourceBundle text, Runnable onCancel) {
        super(8);
        progress.setPrefWidth(260);
        relabel(text);
        cancel.setId("architecture-cancel");
        cancel.setOnAction(e -> onCancel.run());
        getChildren().addAll(progressText, progress, cancel);
        setAlignment(Pos.CENTER);
        getStyleClass().addAll("formula-panel", "architecture-loading");
        setPadding(new Insets(16));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setVisible(false);
    }

    void relabel(ResourceBundle text) {
        cancel.setText(text.getString("architecture.cancel"));
    }

    /** Follows {@code task}'s message and progress until {@link #finish()}. */
    void follow(Task<?> task) {
        progress.progressProperty().bind(task.progressProperty());
        progressText.textProperty().bind(task.messageProperty());
        setVisible(true);
        toFront();
    }

    void finish() {
        progress.progressProperty().unbind();
        progressText.textProperty().unbind();
        setVisible(false);
    }
}
