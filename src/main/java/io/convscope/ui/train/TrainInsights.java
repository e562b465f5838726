package io.convscope.ui.train;

import io.convscope.engine.training.ProbeNetwork;
import io.convscope.engine.training.StepInspector;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.training.ConfusionAtEpoch;
import io.convscope.explain.training.DesignSummary;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.KernelStep;
import io.convscope.network.LayerKind;
import io.convscope.network.NetworkDescription;
import io.convscope.network.ParameterBlock;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Watching the network learn in the Train workspace: the step inspection (Step's batch, loss and one kernel's
 * update), the first layer's kernels, the probe image's overview and the validation confusion matrix, as tabs under
 * the curves, and the epoch scrubber above them. A run is watched through an {@link InsightFeed} on its training
 * thread; a finished epoch is looked at again by loading its weights from the session on the state's background
 * thread. While the scrubber sits on the last finished epoch the views follow the run live; moved back, they show
 * that epoch until it is moved to the last one again.
 */
final class TrainInsights {

    private final Workspace workspace;
    private final TrainState state;
    private final KernelChooser chooser;
    private final KernelUpdatePanel step;
    private final FirstLayerKernels kernels;
    private final ProbeOverview probe;
    private final EpochConfusion confusion;
    private final CellGallery cells;
    private final EpochScrubber scrubber;
    private final ProbeImage probeImage = new ProbeImage();
    private final UntrainedPreview preview;
    private final ProbeSourceBar probeSource;
    private final FxLatest<KernelStep> steps;
    private final TabPane tabs;
    private final Tab stepTab;

    // FX thread only.
    private InsightFeed feed;

    private boolean chooserSet;
    private boolean stepShown;
    private boolean probeChosen;
    private int finished;
    /** The epoch the scrubber shows, or 0 while the views follow the run. */
    private int scrubbed;

    private long generation;
    private boolean roomMade;

    /** @param showThrough shows an image file through a model file in the main window (a cell's image, clicked) */
    TrainInsights(
            Workspace workspace,
            TrainState state,
            Words words,
            TrainWorkspaceView view,
            TabPane tabs,
            BiConsumer<Path, Path> showThrough) {
        this.workspace = workspace;
        this.state = state;
        this.tabs = tabs;
        chooser = new KernelChooser(workspace);
        step = new KernelUpdatePanel(workspace);
        kernels = new FirstLayerKernels(workspace);
        probe = new ProbeOverview(workspace);
        preview = new UntrainedPreview(state, probeImage, untrained -> probe.show(untrained, 0, 0));
        cells = new CellGallery(workspace, state, words, showThrough);
        confusion = new EpochConfusion(workspace, this::cellClicked);
        scrubber = new EpochScrubber(workspace);
        probeSource = new ProbeSourceBar(words, probeImage, this::probeChosen, this::chooseFile, workspace);
        steps = new FxLatest<>(this::stepRecorded);
        stepTab = TrainWorkspaceView.tab(words, "trainInsights.tab.step", stack(chooser, step), "train-tab-step");
        view.addInspector(stepTab);
        view.addInspector(TrainWorkspaceView.tab(words, "trainInsights.tab.kernels", kernels, "train-tab-kernels"));
        Tab probeTab =
                TrainWorkspaceView.tab(words, "trainInsights.tab.probe", stack(probeSource, probe), "train-tab-probe");
        view.addInspector(probeTab);
        probe.onScreenProperty().bind(probeTab.selectedProperty());
        SplitPane matrixAndImages = new SplitPane(confusion, cells);
        matrixAndImages.setDividerPositions(0.6); // at 1440 px: two columns of images beside the matrix
        matrixAndImages.setMinHeight(280);
        view.addInspector(
                TrainWorkspaceView.tab(words, "trainInsights.tab.confusion", matrixAndImages, "train-tab-confusion"));
        scrubber.setPadding(new Insets(4, 10, 0, 10));
        // Below these heights the overview and the matrix are unreadable: their tabs scroll instead.
        probe.setMinHeight(440);
        confusion.setMinHeight(280);
        view.setScrubber(scrubber);
        // The first look at a view of the run moves the curves up to make room for it, once.
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null
                    && now.getId() != null
                    && now.getId().startsWith("train-tab-")
                    && !"train-tab-epochs".equals(now.getId())
                    && !roomMade) {
                roomMade = true;
                view.roomForInspectors();
            }
        });
        scrubber.setOnEpochChosen(this::epochChosen);
        // What the next Start begins from: its first-layer kernels and its probe's untrained look.
        for (Observable nextStart : List.<Observable>of(state.settings, state.data)) {
            nextStart.addListener(o -> {
                prepareKernels();
                previewUntrained();
            });
        }
        state.starting = this::watch;
        state.beforeStep = this::armStep;
    }

    private static VBox stack(Node top, Node rest) {
        VBox box = new VBox(10, top, rest);
        box.setPadding(new Insets(8));
        VBox.setVgrow(rest, Priority.ALWAYS);
        return box;
    }

    /** The kernels' tiles for the design about to be trained, made before Start (see {@link FirstLayerKernels#prepare}). */
    private void prepareKernels() {
        TrainState.DataCheck data = state.data.get();
        if (data == null || state.live()) {
            return;
        }
        DesignSummary design = DesignSummary.of(state.settings
                .get()
                .design()
                .withClasses(data.dataset().classes().size()));
        design.rows().stream()
                .filter(r -> r.kind() == LayerKind.CONVOLUTION)
                .findFirst()
                .ifPresent(r -> kernels.prepare(r.output().channels()));
    }

    /** Unless the student chose one, the probe is the image on show in the overview, or the first validation image. */
    private void chooseDefaultProbe() {
        if (!probeChosen) {
            Shown shown = workspace.shown();
            probeImage.choose(
                    shown == null
                            ? ProbeImage.Choice.validation(0)
                            : new ProbeImage.Choice(shown.upright(), shown.title(), 0));
            probeSource.refresh();
        }
    }

    /** While no run is live: the probe as the network the next Start begins from sees it ({@link UntrainedPreview}). */
    private void previewUntrained() {
        if (!state.live()) {
            chooseDefaultProbe();
            preview.refresh();
        }
    }

    /** A new run: watched from its first batch (FX thread, before it can reach one). */
    private void watch(TrainingSession session) {
        generation++;
        chooseDefaultProbe();
        preview.runStarted();
        InsightFeed[] mine = new InsightFeed[1];
        mine[0] = new InsightFeed(
                session,
                probeImage,
                l -> {
                    if (feed == mine[0]) {
                        kernelsSeen(l);
                    }
                },
                l -> {
                    if (feed == mine[0] && scrubbed == 0) {
                        probe.show(l.probe(), l.epoch(), l.batch());
                    }
                },
                e -> {
                    if (feed == mine[0]) {
                        validated(e);
                    }
                });
        feed = mine[0];
        cells.newRun();
        chooserSet = false;
        stepShown = false;
        finished = 0;
        scrubbed = 0;
        scrubber.setFinishedEpochs(0);
        session.insight().watch(feed);
    }

    /** Step: the next batch is recorded for the kernel chosen, and the kernels and probe are looked at after it. */
    private void armStep(TrainingSession session) {
        KernelChooser.Choice c = chooser.choice();
        StepInspector.KernelChoice kernel =
                c == null ? null : new StepInspector.KernelChoice(c.layer(), c.filter(), c.channel());
        try {
            session.insight().arm(kernel, steps::offer);
        } catch (IllegalArgumentException e) {
            session.insight().arm(null, steps::offer); // a kernel of the previous run's network
        }
        if (feed != null) {
            feed.lookAfterNextBatch();
        }
    }

    private void stepRecorded(KernelStep recorded) {
        step.show(recorded);
        if (!stepShown) {
            stepShown = true;
            tabs.getSelectionModel().select(stepTab);
        }
    }

    private void kernelsSeen(InsightFeed.Look l) {
        if (!chooserSet) {
            chooserSet = true;
            KernelChooser.Choice before = chooser.choice();
            chooser.setNetwork(l.network());
            if (before != null && StepInspector.inspectable(l.network(), before.layer())) {
                chooser.choose(before);
            }
        }
        if (scrubbed == 0) {
            showKernels(l.network());
        }
    }

    private void validated(int epoch) {
        finished = epoch;
        scrubber.setFinishedEpochs(epoch);
        InsightFeed.Look last = feed.last();
        if (scrubbed == 0 && last != null) {
            confusion.show(new ConfusionAtEpoch(epoch, last.network().classes(), feed.confusion(epoch)));
        }
    }

    /** A cell of the matrix on show: its images, as the network of that epoch scored them. */
    private void cellClicked(int truth, int predicted) {
        if (confusion.shown() != null) {
            cells.show(confusion.shown().epoch(), truth, predicted);
        }
    }

    private void showKernels(NetworkDescription network) {
        for (int layer = 0; layer < network.layers().size(); layer++) {
            if (StepInspector.inspectable(network, layer)) {
                String name = network.layer(layer).name();
                kernels.show(name, network.weights().get(name));
                return;
            }
        }
    }

    /** The scrubber settled on {@code epoch}: its weights from the session, looked at off the FX thread. */
    private void epochChosen(int epoch) {
        TrainingSession session = state.session.get();
        InsightFeed f = feed;
        if (session == null || f == null) {
            return;
        }
        scrubbed = epoch == finished ? 0 : epoch;
        long gen = ++generation;
        state.worker.submit(() -> {
            try {
                InsightFeed.Look then = epochLook(session, epoch);
                int[][] counted = f.confusion(epoch);
                int[][] counts = counted != null
                        ? counted
                        : session.insight().probe().confusion(then.parameters(), session.validation());
                Platform.runLater(() -> {
                    if (gen == generation) {
                        showKernels(then.network());
                        probe.show(then.probe(), epoch, 0);
                        preview.replaced();
                        confusion.show(
                                new ConfusionAtEpoch(epoch, then.network().classes(), counts));
                        cells.epochChosen(epoch);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                epochFailed(epoch, e);
            }
        });
    }

    /** Epoch {@code epoch} as it finished: its weights read from the session, the probe run with them. */
    private InsightFeed.Look epochLook(TrainingSession session, int epoch) throws IOException {
        float[][] parameters =
                session.weightsOf(epoch).stream().map(ParameterBlock::values).toArray(float[][]::new);
        ProbeNetwork p = session.insight().probe();
        NetworkDescription network = p.describe(parameters);
        ActivationSnapshot snapshot = p.snapshot(parameters, probeImage.at(network, session.validation()));
        return new InsightFeed.Look(epoch, 0, network, snapshot, parameters);
    }

    private void epochFailed(int epoch, Exception e) {
        Platform.runLater(() -> state.message.set(TrainState.Message.failure("trainInsights.epochFailed", e, epoch)));
    }

    /** The student chose another probe image: re-run now with what is on show (the run's last look or an epoch). */
    private void probeChosen() {
        probeChosen = true;
        TrainingSession session = state.session.get();
        if (session == null || preview.shown()) {
            previewUntrained(); // the next run's start with this probe
            return;
        }
        InsightFeed f = feed;
        if (f == null || session.insight().probe() == null) {
            return;
        }
        f.lookAfterNextBatch();
        int epoch = scrubbed;
        InsightFeed.Look last = f.last();
        if (epoch == 0 && last == null) {
            return;
        }
        long gen = generation;
        state.worker.submit(() -> {
            try {
                InsightFeed.Look now = epoch == 0
                        ? new InsightFeed.Look(
                                last.epoch(),
                                last.batch(),
                                last.network(),
                                session.insight()
                                        .probe()
                                        .snapshot(
                                                last.parameters(), probeImage.at(last.network(), session.validation())),
                                last.parameters())
                        : epochLook(session, epoch);
                Platform.runLater(() -> {
                    if (gen == generation) {
                        probe.show(now.probe(), now.epoch(), now.batch());
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                epochFailed(epoch, e);
            }
        });
    }

    /** A picture file as the probe: decoded in the background; one that cannot be read is named in a sentence. */
    private void chooseFile(Path file) {
        state.worker.submit(() -> {
            try {
                BufferedImage upright = ImagePreprocessor.decode(file);
                Platform.runLater(() -> {
                    probeImage.choose(new ProbeImage.Choice(upright, String.valueOf(file.getFileName()), 0));
                    probeSource.refresh();
                    probeChosen();
                });
            } catch (ImageInputException e) {
                Platform.runLater(() -> state.message.set(
                        TrainState.Message.failure("trainInsights.probeRefused", e, file.toString())));
            }
        });
    }
}
