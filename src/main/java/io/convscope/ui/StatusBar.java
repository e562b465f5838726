package io.convscope.ui;

import io.convscope.engine.Inference;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.OutputMap;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.ResourceBundle;

/**
 * The line under the network: the workspace's model and its prediction for the shown image (or what the engine is
 * doing), the first-steps hint, and the readout of what the pointer is over. It follows the workspace, language
 * included.
 */
final class StatusBar extends HBox {

    private final Workspace workspace;
    private final Label status = new Label();
    private final Label readout = new Label();
    private ResourceBundle text;

    /** {@code readoutSource} is the overview's readout or the open view's. */
    StatusBar(Workspace workspace, ObservableValue<ObservableValue<String>> readoutSource) {
        super(12);
        this.workspace = workspace;
        status.setId("status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readout.setId("readout");
        readout.getStyleClass().add("readout");
        readout.textProperty().bind(readoutSource.flatMap(source -> source));
        getChildren().setAll(status, spacer, readout);
        setPadding(new Insets(4, 10, 4, 10));
        getStyleClass().add("status-bar");
        InvalidationListener update = o -> update();
        for (Observable o : List.of(
                workspace.languageProperty(),
                workspace.modelProperty(),
                workspace.shownProperty(),
                workspace.activityProperty())) {
            o.addListener(update);
        }
        update();
    }

    /** The first-steps hint sits between the status line and the readout (a new one in each language). */
    void showHint(FirstStepsHint hint) {
        getChildren().removeIf(n -> n instanceof FirstStepsHint);
        getChildren().add(getChildren().indexOf(readout), hint);
    }

    /**
     * What the engine is working on; else the model and its prediction for the shown image, or the model alone while
     * the shown image is another model's (the student's own image, after a model was loaded).
     */
    private void update() {
        text = workspace.text();
        Inference inf = workspace.model();
        Shown s = workspace.shown();
        String model = inf == null ? "" : inf.model().source();
        if (workspace.activityProperty().get() != null) {
            status.setText(workspace.activityProperty().get());
        } else if (s == null
                || inf == null
                || s.snapshot().network() != inf.model().description()) {
            status.setText(model);
        } else {
            showPrediction(s, model, s.snapshot());
            if (inf.model().randomWeights()) {
                status.setText(String.format(text.getString("status.random"), status.getText()));
            }
        }
    }

    private void showPrediction(Shown s, String model, ActivationSnapshot snap) {
        String title = s.titleIn(file -> SampleGallery.title(workspace.samples(), file));
        if (OutputMap.isDetection(snap.network())) {
            OutputMap.Detection best = OutputMap.detections(snap).get(0);
            status.setText(String.format(
                    text.getString("status.detection"),
                    model,
                    title,
                    OutputMap.className(snap.network(), best.classIndex()),
                    100 * best.score()));
        } else if (OutputMap.isMask(snap.network())) {
            status.setText(
                    String.format(text.getString("status.mask"), model, title, 100 * OutputMap.maskCoverage(snap)));
        } else if (!snap.network().predictsClasses()) {
            status.setText(String.format(
                    text.getString("status.map"),
                    model,
                    title,
                    snap.layer(snap.layerCount() - 1).shape()));
        } else {
            status.setText(String.format(
                    text.getString("status.prediction"),
                    model,
                    title,
                    ClassNames.display(text, snap.topLabel()),
                    100 * snap.probability(snap.topClass())));
        }
    }
}
