package io.convscope.ui.train;

import io.convscope.explain.article.Article;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.ClassNames;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.overview.OverviewPane;
import io.convscope.ui.overview.OverviewScroll;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The overview of every neuron for the probe image the student chose, as the network computes it at one moment of
 * training: the same {@link OverviewPane} as the main overview, fed the snapshots {@code ProbeNetwork} computes with
 * the current weights (every few hundred steps, so the heatmaps visibly morph) or with a finished epoch's. It follows
 * the workspace's language (a new pane, the snapshot kept), theme and colour range.
 */
public final class ProbeOverview extends VBox {

    private final Workspace workspace;
    private final Label title = new Label();
    private final Label moment = new Label();
    private final Label prediction = new Label();
    private final InfoButton info = new InfoButton("train-probe-info", "", Article.TRAINING);
    private final Label empty = new Label();
    private final BooleanProperty onScreen = new SimpleBooleanProperty(true);
    private OverviewPane overview;
    private OverviewScroll scroll;
    private ActivationSnapshot snapshot;
    private int epoch;
    private int batch;

    public ProbeOverview(Workspace workspace) {
        this.workspace = workspace;
        setId("train-probe");
        setSpacing(6);
        title.getStyleClass().add("title-4");
        moment.setId("train-probe-moment");
        prediction.setId("train-probe-prediction");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, moment, prediction, spacer, info);
        header.setAlignment(Pos.CENTER_LEFT);
        empty.setWrapText(true);
        getChildren().setAll(header, empty);
        speak();
        workspace.languageProperty().addListener(o -> speak());
        workspace.darkProperty().addListener(o -> redraw());
        onScreen.addListener((o, was, now) -> redraw());
        workspace.rangeModeProperty().addListener((o, was, mode) -> {
            if (snapshot != null) {
                overview.recolour(mode);
            }
        });
    }

    /**
     * Shows the probe as computed after {@code batch} batches of epoch {@code epoch} (FX thread); {@code batch} 0
     * means at the end of that epoch (a scrubbed epoch), epoch 0 before any training.
     */
    public void show(ActivationSnapshot probe, int epoch, int batch) {
        this.snapshot = probe;
        this.epoch = epoch;
        this.batch = batch;
        redraw();
        relabel();
    }

    /**
     * Whether the overview is on screen (true unless told otherwise; the workspace binds it to its tab being
     * selected). Off screen, {@link #show} keeps the snapshot and its words only, and the overview draws it when it
     * comes on screen: its first look builds hundreds of nodes, which must not fall on the pulses of a run's start.
     */
    public BooleanProperty onScreenProperty() {
        return onScreen;
    }

    /** The overview pane on show (the workspace may wire its neuron clicks). */
    public OverviewPane overview() {
        return overview;
    }

    /** The snapshot on show, or null. */
    public ActivationSnapshot snapshot() {
        return snapshot;
    }

    private void redraw() {
        if (snapshot != null && onScreen.get()) {
            if (getChildren().get(1) != scroll) {
                getChildren().set(1, scroll);
            }
            overview.show(snapshot, workspace.rangeModeProperty().get());
        }
    }

    /** The overview's labels are made in one language, so a language change makes a new pane over the same snapshot. */
    private void speak() {
        overview = new OverviewPane(workspace.text(), workspace.palette());
        overview.setId("train-probe-overview");
        scroll = new OverviewScroll(overview);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        redraw();
        relabel();
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        title.setText(text.getString("trainProbe.title"));
        info.setExplanation(text.getString("trainProbe.info"));
        empty.setText(text.getString("trainProbe.empty"));
        if (snapshot == null) {
            return;
        }
        moment.setText(
                epoch == 0
                        ? text.getString("trainProbe.untrained")
                        : batch == 0
                                ? MessageFormat.format(text.getString("trainProbe.endOfEpoch"), epoch)
                                : MessageFormat.format(text.getString("trainProbe.during"), epoch, batch));
        if (snapshot.network().predictsClasses()) {
            int top = snapshot.topClass();
            prediction.setText(MessageFormat.format(
                    text.getString("trainProbe.prediction"),
                    ClassNames.display(text, snapshot.topLabel()),
                    String.format(workspace.language().locale(), "%.1f", 100 * snapshot.probability(top))));
        }
    }
}
