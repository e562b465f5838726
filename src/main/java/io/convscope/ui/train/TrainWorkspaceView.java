package io.convscope.ui.train;

import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Train workspace, the main window's {@link WorkspaceMode#TRAIN} view: on the left the run's settings in three
 * tabs (Data, Architecture, Hyperparameters), on the right the run (start, pause, step, stop, where it is), its live
 * loss and accuracy curves, a tabbed area for looking inside the run, and what to do with the result. A folder dropped
 * anywhere on it becomes the data set.
 *
 * <p>Slots for more views of the run: {@link #addInspector} adds a tab beside the epoch table under the curves (the
 * step inspection, the first layer's kernels, the probe image's overview, the confusion matrix), {@link #setScrubber}
 * puts a node (the epoch scrubber) between the curves and those tabs. They read the run through
 * {@link #sessionProperty()} (pause, step, {@code weightsOf(epoch)}, {@code modelOf(epoch)},
 * {@code whilePaused(...)}), {@link #phaseProperty()}, {@link #lastBatchProperty()} and {@link #epochResults()},
 * all on the FX thread; the session's slow methods belong on a background thread.
 *
 * <p>It keeps its state in a {@link TrainState}, follows the workspace's language by re-labelling itself in place
 * and its theme through the stylesheet, so a run goes on untouched through both.
 */
public final class TrainWorkspaceView extends SplitPane {

    private final TrainState state = new TrainState();
    private final TabPane inspectors = new TabPane();
    private final StackPane scrubberSlot = new StackPane();
    private final RunControls controls;
    private final SplitPane curves;

    /**
     * @param loadModel opens a model file in the overview (the shell's model loader): "Use this model" calls it with
     *                  the exported zip, then switches the workspace to the overview
     * @param showThrough shows an image file through a model file (the shell's request): an image of a confusion
     *                  cell's gallery, through the network of that epoch
     */
    public TrainWorkspaceView(Workspace workspace, Consumer<Path> loadModel, BiConsumer<Path, Path> showThrough) {
        Words words = new Words(workspace);
        setId("train-workspace");
        TabPane settings = new TabPane();
        settings.setId("train-settings");
        settings.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab data = tab(words, "train.tab.data", new DataPane(state, words, this::window), "train-tab-data");
        Tab arch = tab(words, "train.tab.architecture", new ArchitecturePane(state, words), "train-tab-architecture");
        Tab hyper = tab(words, "train.tab.hyperparameters", new HyperparameterPane(state, words), "train-tab-hyper");
        settings.getTabs().setAll(List.of(data, arch, hyper));
        settings.setMinWidth(350);
        settings.setPrefWidth(400);

        RunCharts charts = new RunCharts(words);
        controls = new RunControls(state, words, charts);
        ResultBar results = new ResultBar(state, words, this::window, zip -> {
            loadModel.accept(zip);
            workspace.modeProperty().set(WorkspaceMode.OVERVIEW);
        });
        inspectors.setId("train-inspectors");
        inspectors.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inspectors.getTabs().add(tab(words, "train.tab.epochs", new EpochTable(state, words), "train-tab-epochs"));
        scrubberSlot.setId("train-scrubber-slot");
        scrubberSlot.managedProperty().bind(scrubberSlot.visibleProperty());
        scrubberSlot.setVisible(false);
        VBox lower = new VBox(scrubberSlot, inspectors);
        VBox.setVgrow(inspectors, Priority.ALWAYS);
        curves = new SplitPane(charts, lower);
        curves.setOrientation(Orientation.VERTICAL);
        curves.setDividerPositions(0.55);
        BorderPane run = new BorderPane(curves, controls, null, results, null);
        run.setMinWidth(320);
        getItems().setAll(settings, run);
        setDividerPositions(0.4);
        acceptFolderDrops();
        new TrainInsights(workspace, state, words, this, inspectors, showThrough);
    }

    static Tab tab(Words words, String key, Node content, String id) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        // Not fitted to the height: squeezed, the wrapped sentences would be cut off instead of scrolling.
        Tab t = new Tab(null, content instanceof EpochTable ? content : scroll);
        t.setId(id);
        words.on(() -> t.setText(words.get(key)));
        return t;
    }

    /** A folder dropped anywhere on the view becomes the data set (a file dropped is ignored). */
    private void acceptFolderDrops() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && folder(e.getDragboard().getFiles()) != null) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            File f = e.getDragboard().hasFiles() ? folder(e.getDragboard().getFiles()) : null;
            if (f != null) {
                chooseData(f.toPath());
            }
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    private static File folder(List<File> files) {
        return files.size() == 1 && files.get(0).isDirectory() ? files.get(0) : null;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Makes {@code folder} the data set (as a drop or Choose folder does): it is opened and checked in the background. */
    public void chooseData(Path folder) {
        state.chooseData(folder);
    }

    /** Adds a tab beside the epoch table, under the curves: a view of the run provided by another part of the app. */
    public void addInspector(Tab tab) {
        inspectors.getTabs().add(tab);
    }

    /**
     * Gives the tabs under the curves most of the height, unless the student already moved the divider up: the probe's
     * overview and the confusion matrix need the room (in a small window the charts give up their minimum height).
     */
    void roomForInspectors() {
        if (curves.getItems().get(0) instanceof Region charts) {
            charts.setMinHeight(0);
        }
        if (curves.getDividerPositions()[0] > 0.45) {
            curves.setDividerPositions(0.3);
        }
    }

    /** Puts {@code node} between the curves and the tabs (e.g. an epoch scrubber); null empties the slot. */
    public void setScrubber(Node node) {
        scrubberSlot.getChildren().setAll(node == null ? List.of() : List.of(node));
        scrubberSlot.setVisible(node != null);
    }

    /** The current run, or null before the first; a new Start replaces it (the old one is stopped and closed). */
    public ReadOnlyObjectProperty<TrainingSession> sessionProperty() {
        return state.session;
    }

    /** The current run's phase, as last reported (coalesced, on the FX thread). */
    public ReadOnlyObjectProperty<TrainingSession.Phase> phaseProperty() {
        return state.phase;
    }

    /** The latest batch of the current run, as last reported (at most a few times a second). */
    public ReadOnlyObjectProperty<TrainingSession.BatchReport> lastBatchProperty() {
        return state.lastBatch;
    }

    /** The current run's finished epochs, in order (cleared when a new run starts). */
    public ObservableList<Trainer.EpochResult> epochResults() {
        return FXCollections.unmodifiableObservableList(state.epochs);
    }

    /** Starts a run as the Start button does ({@code paused}: as Step before a run, one batch and then it waits). */
    public void start(boolean paused) {
        controls.start(paused);
    }
}
