package io.convscope.ui.train;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.training.DemoTraining;
import io.convscope.engine.training.StepInspector;
import io.convscope.explain.training.ConfusionAtEpoch;
import io.convscope.network.NetworkDescription;
import io.convscope.ui.common.Palette;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.LearnRequest;
import io.convscope.ui.workspace.Workspace;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Train workspace's watching components on a Tiny VGG trained from scratch, wired the way the workspace should
 * wire them: the training runs on one background thread; after a step the recorded kernel update is shown; every
 * {@link #KERNEL_EVERY} batches the first layer's kernels and every {@link #PROBE_EVERY} batches the probe image are
 * refreshed from a copy of the current parameters; after each epoch its validation confusion matrix is counted; the
 * epoch slider shows the network as it was. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.convscope.ui.train.TrainComponentsDemo$Main}
 * or from the IDE; the argument is a folder of class sub-folders (default: {@code ../shared}'s Tiny ImageNet
 * subset, else three synthetic colour classes).
 */
public final class TrainComponentsDemo extends Application {

    static final int KERNEL_EVERY = 10;
    static final int PROBE_EVERY = 50;

    private final ExecutorService training = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training");
        t.setDaemon(true);
        return t;
    });
    private DemoTraining run;
    private float[] probeImage;
    private volatile boolean stop;

    @Override
    public void start(Stage stage) throws Exception {
        Path data = getParameters().getRaw().isEmpty()
                ? Path.of("../shared/datasets/tiny-imagenet-10/train")
                : Path.of(getParameters().getRaw().get(0));
        run = Files.isDirectory(data)
                ? DemoTraining.of(data, 32, 42)
                : DemoTraining.synthetic(Files.createTempDirectory("convscope-demo"), 42);
        probeImage = run.validationImage(0);

        Workspace workspace = new Workspace(Language.of("", Locale.getDefault()), false);
        KernelUpdatePanel step = new KernelUpdatePanel(workspace);
        FirstLayerKernels kernels = new FirstLayerKernels(workspace);
        ProbeOverview probe = new ProbeOverview(workspace);
        EpochConfusion confusion = new EpochConfusion(workspace, (t, p) -> {});
        EpochScrubber scrubber = new EpochScrubber(workspace);
        Label status = new Label();

        KernelChooser chooser = new KernelChooser(workspace);
        chooser.setNetwork(run.description());
        Button stepButton = new Button("Step");
        stepButton.setOnAction(e -> {
            KernelChooser.Choice c = chooser.choice(); // read on the FX thread, used on the training thread
            training.submit(() -> {
                var recorded = run.step(new StepInspector.KernelChoice(c.layer(), c.filter(), c.channel()));
                float[][] now = run.parameters();
                var description = run.describe(now);
                var snapshot = run.probe(now, probeImage);
                int epoch = run.epoch();
                int batch = run.batch();
                Platform.runLater(() -> {
                    step.show(recorded);
                    showKernels(kernels, description);
                    probe.show(snapshot, epoch, batch);
                });
                return null;
            });
        });
        Button epochButton = new Button("Train an epoch");
        epochButton.setOnAction(e -> training.submit(() -> {
            stop = false;
            int epoch = run.epoch();
            run.finishEpoch(() -> stop, b -> {
                if (b % KERNEL_EVERY == 0) {
                    var description = run.describe(run.parameters());
                    Platform.runLater(() -> showKernels(kernels, description));
                }
                if (b % PROBE_EVERY == 0) {
                    var snapshot = run.probe(run.parameters(), probeImage);
                    Platform.runLater(() -> probe.show(snapshot, epoch, b));
                }
                Platform.runLater(() -> status.setText("epoch " + epoch + ", batch " + b));
            });
            if (run.finishedEpochs() >= epoch) {
                var counts = new ConfusionAtEpoch(epoch, run.description().classes(), run.confusion(run.parameters()));
                var snapshot = run.probe(run.parameters(), probeImage);
                Platform.runLater(() -> {
                    confusion.show(counts);
                    probe.show(snapshot, epoch, 0);
                    scrubber.setFinishedEpochs(epoch);
                });
            }
            return null;
        }));
        Button stopButton = new Button("Stop");
        stopButton.setOnAction(e -> stop = true);
        scrubber.setOnEpochChosen(n -> training.submit(() -> {
            float[][] then = run.parametersAfter(n);
            var counts = new ConfusionAtEpoch(n, run.description().classes(), run.confusion(then));
            var snapshot = run.probe(then, probeImage);
            var description = run.describe(then);
            Platform.runLater(() -> {
                confusion.show(counts);
                probe.show(snapshot, n, 0);
                showKernels(kernels, description);
            });
            return null;
        }));
        Button dark = new Button("Light / dark");
        dark.setOnAction(e -> {
            boolean on = !workspace.darkProperty().get();
            Application.setUserAgentStylesheet(
                    on ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            workspace.darkProperty().set(on);
        });
        Button language = new Button("English / 中文");
        language.setOnAction(e -> workspace
                .languageProperty()
                .set(workspace.language() == Language.ENGLISH ? Language.CHINESE : Language.ENGLISH));

        VBox left = new VBox(16, chooser, step, kernels);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setPrefWidth(640);
        VBox.setVgrow(probe, Priority.ALWAYS);
        confusion.setPrefHeight(300);
        VBox right = new VBox(12, probe, confusion, scrubber);
        right.setMinWidth(0);
        right.setPrefWidth(900);
        HBox.setHgrow(right, Priority.ALWAYS);
        BorderPane root = new BorderPane(new HBox(12, leftScroll, right));
        root.setTop(new ToolBar(stepButton, epochButton, stopButton, dark, language, status));
        root.addEventHandler(LearnRequest.OPEN, e -> status.setText("the Learn panel would open at: " + e.section()));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(root, 1600, 1000);
        scene.getStylesheets().add(Palette.STYLESHEET);
        stage.setScene(scene);
        stage.setTitle("ConvScope: training components");
        stage.show();
        float[][] start = run.parameters();
        showKernels(kernels, run.describe(start));
        probe.show(run.probe(start, probeImage), 0, 0);
    }

    static void showKernels(FirstLayerKernels kernels, NetworkDescription network) {
        String first = network.layer(1).name();
        kernels.show(first, network.weights().get(first));
    }

    @Override
    public void stop() throws IOException {
        stop = true;
        training.shutdownNow();
    }

    /** The entry point from a plain class path (a main class that extends Application needs JavaFX as modules). */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(TrainComponentsDemo.class, args);
        }
    }
}
