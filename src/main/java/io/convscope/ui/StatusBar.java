package io.convscope.ui;

import io.convscope.engine.Inference;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.OutputMap;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ResourceBundle;

/**
 * The line under the network: the model and its prediction for the shown image (or what the engine is doing), the
 * first-steps hint, and the readout of what the pointer is over.
 */
final class StatusBar extends HBox {

    private final ResourceBundle text;
    private final Workspace workspace;
    private final Label status = new Label();
    private final Label readout = new Label();

    StatusBar(ResourceBundle text, Workspace workspace, FirstStepsHint firstSteps) {
        super(12);
        this.text = text;
        this.workspace = workspace;
        status.setId("status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readout.setId("readout");
        readout.getStyleClass().add("readout");
        getChildren().setAll(status, spacer, firstSteps, readout);
        setPadding(new Insets(4, 10, 4, 10));
        getStyleClass().add("status-bar");
    }

    /** What the engine is working on, until the result (or a failure) replaces it. */
    void showWorking(String message) {
        status.setText(message);
    }

    /** The readout of the overview or of the open view. */
    void showReadout(ObservableValue<String> source) {
        readout.textProperty().unbind();
        readout.textProperty().bind(source);
    }

    /** The workspace's model and its prediction for {@code s}, or the model alone when {@code s} is null. */
    void update(Shown s) {
        Inference inf = workspace.model();
        String model = inf == null ? "" : inf.model().source();
        if (s == null) {
            status.setText(model);
            return;
        }
        showPrediction(s, model, s.snapshot());
        if (inf.model().randomWeights()) {
            status.setText(String.format(text.getString("status.random"), status.getText()));
        }
    }

    private void showPrediction(Shown s, String model, ActivationSnapshot snap) {
        if (OutputMap.isDetection(snap.network())) {
            OutputMap.Detection best = OutputMap.detections(snap).get(0);
            status.setText(String.format(
                    text.getString("status.detection"),
                    model,
                    s.title(),
                    OutputMap.className(snap.network(), best.classIndex()),
                    100 * best.score()));
        } else if (OutputMap.isMask(snap.network())) {
            status.setText(
                    String.format(text.getString("status.mask"), model, s.title(), 100 * OutputMap.maskCoverage(snap)));
        } else if (!snap.network().predictsClasses()) {
            status.setText(String.format(
                    text.getString("status.map"),
                    model,
                    s.title(),
                    snap.layer(snap.layerCount() - 1).shape()));
        } else {
            status.setText(String.format(
                    text.getString("status.prediction"),
                    model,
                    s.title(),
                    ClassNames.display(text, snap.topLabel()),
                    100 * snap.probability(snap.topClass())));
        }
    }
}
