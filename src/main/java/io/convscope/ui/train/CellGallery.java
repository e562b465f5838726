package io.convscope.ui.train;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.training.ProbeNetwork;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.network.ImageOutcome;
import io.convscope.ui.common.FailureReason;
import io.convscope.ui.explorer.ImageActions;
import io.convscope.ui.explorer.ImageGallery;
import io.convscope.ui.explorer.Thumbnails;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The images of a clicked cell of the Train workspace's confusion matrix, as the network was after the epoch on show:
 * the run's own validation images with that true class and that prediction, most confident first, each with its
 * probabilities, in the data-set explorer's {@link ImageGallery} (thumbnails from a cache bounded by bytes).
 *
 * <p>The epoch's network scores the split once, on the state's background thread with progress, through a compiled
 * copy of that epoch's exported model (so a run going on is never held up by it), exactly as the session's validation
 * pass counted the matrix; only that epoch's outcomes are kept (about 100 bytes an image). A click on an image
 * exports the epoch as "Use this model" does (once per epoch of a run) and shows the image through it in the
 * overview, or with its attribution map (the tile's Why? link).
 */
final class CellGallery extends VBox {

    /** One epoch of one run, scored: every validation image's outcome, paths relative to {@code root}. */
    private record Scored(TrainingSession session, int epoch, Path root, DatasetReport report) {}

    private final Workspace workspace;
    private final TrainState state;
    private final Words words;
    private final BiConsumer<Path, Path> showThrough;
    private final Thumbnails thumbnails = new Thumbnails();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    /** The generation of the scoring the FX thread waits for; an older one stops at its next slice. */
    private final AtomicLong wanted = new AtomicLong();
    /** "Use this model" exports of the run {@link #exportedFor}, by epoch. */
    private final Map<Integer, Path> exported = new HashMap<>();

    // FX thread only.
    private ImageGallery gallery;
    private Scored scored;
    private int[] cell;
    /** The epoch whose cell is shown or being scored, 0 for none. */
    private int epoch;

    private long generation;
    private TrainingSession exportedFor;
    private String statusKey;
    private Object[] statusArgs;

    /** @param showThrough shows an image file through a model file in the main window (the shell's request) */
    CellGallery(Workspace workspace, TrainState state, Words words, BiConsumer<Path, Path> showThrough) {
        super(6);
        this.workspace = workspace;
        this.state = state;
        this.words = words;
        this.showThrough = showThrough;
        setId("train-cell-gallery");
        setPadding(new Insets(4, 0, 0, 4));
        status.setId("train-cell-status");
        status.setWrapText(true);
        progress.setPrefWidth(140);
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setVisible(false);
        HBox top = new HBox(8, progress, status);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(top);
        words.on(this::relabel);
    }

    /**
     * The student moved the scrubber to {@code chosen}: the cell on show is shown again as that epoch scored it, so
     * its images can be followed from epoch to epoch. (A new epoch of a run going on leaves the gallery as it is: its
     * heading names its epoch, and scoring every epoch would take the run's time.)
     */
    void epochChosen(int chosen) {
        if (cell != null && epoch != chosen) {
            show(chosen, cell[0], cell[1]);
        }
    }

    /** A new run: nothing of the previous one is shown or kept. */
    void newRun() {
        wanted.set(++generation);
        scored = null;
        cell = null;
        epoch = 0;
        progress.setVisible(false);
        say(null);
        // The gallery on show is emptied, not remade: Start adds no nodes to the window (TrainStartTest).
        gallery.prompt(words.get("trainGallery.pick"));
    }

    /** Shows the images of cell ({@code truth}, {@code predicted}) of epoch {@code epoch}, scored first if need be. */
    void show(int epoch, int truth, int predicted) {
        TrainingSession session = state.session.get();
        if (session == null || session.validation() == null) {
            return;
        }
        this.epoch = epoch;
        cell = new int[] {truth, predicted};
        if (scored != null && scored.session() == session && scored.epoch() == epoch) {
            showCell();
        } else {
            score(session, epoch);
        }
    }

    /** The gallery's images as shown (the test compares them with the engine's predictions). */
    List<ImageOutcome> shownImages() {
        return cell == null || scored == null ? List.of() : scored.report().cell(cell[0], cell[1]);
    }

    private void score(TrainingSession session, int epoch) {
        long gen = ++generation;
        wanted.set(gen);
        scored = null;
        gallery.prompt("");
        int total = session.validation().size();
        say("trainGallery.scoring", total, epoch);
        progress.setProgress(0);
        progress.setVisible(true);
        state.worker.submit(() -> {
            try {
                LoadedModel model = session.modelOf(epoch);
                ProbeNetwork network = ProbeNetwork.of(model);
                Path root = session.settings().data();
                List<ImageOutcome> outcomes =
                        network.outcomes(network.parameters(), session.validation(), root, (done, all) -> {
                            Platform.runLater(() -> {
                                if (gen == generation) {
                                    progress.setProgress(done / (double) all);
                                }
                            });
                            return wanted.get() == gen;
                        });
                List<String> classes = model.description().classes();
                DatasetReport report = DatasetReport.of(classes, outcomes);
                Platform.runLater(() -> {
                    if (gen == generation) {
                        progress.setVisible(false);
                        say(null);
                        scored = new Scored(session, epoch, root, report);
                        showCell();
                    }
                });
            } catch (CancellationException e) {
                // a newer cell, epoch or run was asked for: its scoring follows
            } catch (IOException | ModelLoadException | UncheckedIOException | IllegalArgumentException e) {
                failed(gen, "trainGallery.failed", epoch, reason(e));
            }
        });
    }

    private void showCell() {
        List<String> classes = scored.report().classes();
        gallery.show(
                words.format("trainGallery.cell", scored.epoch(), classes.get(cell[0]), classes.get(cell[1])),
                scored.report().cell(cell[0], cell[1]),
                classes,
                scored.root(),
                false);
    }

    /** Opens {@code file} in {@code mode} through the network of the epoch on show, exported once for this run. */
    private void open(Path file, WorkspaceMode mode) {
        Scored s = scored;
        if (s == null) {
            return;
        }
        if (exportedFor != s.session()) {
            exportedFor = s.session();
            exported.clear();
        }
        Path zip = exported.get(s.epoch());
        if (zip != null) {
            workspace.modeProperty().set(mode);
            showThrough.accept(zip, file);
            return;
        }
        long gen = generation;
        say("trainGallery.exporting", s.epoch());
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        progress.setVisible(true);
        state.worker.submit(() -> {
            try {
                Path made = s.session().useModelAsRecorded(s.epoch()); // already scored: no second scoring
                Platform.runLater(() -> {
                    if (exportedFor == s.session()) {
                        exported.put(s.epoch(), made);
                    }
                    progress.setVisible(false);
                    say(null);
                    workspace.modeProperty().set(mode);
                    showThrough.accept(made, file);
                });
            } catch (IOException | RuntimeException e) {
                failed(gen, "trainGallery.exportFailed", s.epoch(), reason(e));
            }
        });
    }

    private void failed(long gen, String key, Object... args) {
        Platform.runLater(() -> {
            if (gen == generation) {
                progress.setVisible(false);
                say(key, args);
            }
        });
    }

    /** The sentence over the gallery (null: none), said again in the new language when it changes. */
    private void say(String key, Object... args) {
        statusKey = key;
        statusArgs = args;
        status.setText(key == null ? "" : words.format(key, args));
    }

    private String reason(Exception e) {
        return FailureReason.of(words.text(), e);
    }

    /** The gallery again in the workspace's language, showing what it showed. */
    private void relabel() {
        ImageGallery fresh = new ImageGallery(
                words.text(),
                thumbnails,
                new ImageActions(f -> open(f, WorkspaceMode.OVERVIEW), f -> open(f, WorkspaceMode.ATTRIBUTION)));
        fresh.setId("train-cell-images");
        fresh.setPadding(Insets.EMPTY);
        VBox.setVgrow(fresh, Priority.ALWAYS);
        if (gallery == null) {
            getChildren().add(fresh);
        } else {
            getChildren().set(getChildren().indexOf(gallery), fresh);
        }
        gallery = fresh;
        setStyle(workspace.language().rootStyle());
        if (cell != null && scored != null) {
            showCell();
        } else if (!progress.isVisible()) {
            gallery.prompt(words.get("trainGallery.pick"));
        }
        if (statusKey != null) {
            say(statusKey, statusArgs);
        }
    }
}
