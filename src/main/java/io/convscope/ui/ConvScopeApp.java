package io.convscope.ui;

import atlantafx.base.theme.PrimerLight;
import io.convscope.engine.ImageInputException;
import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.network.ActivationSnapshot;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ConvScope window: the model, the chosen image (original and the 64x64 the network sees) and the prediction.
 * Model loading and inference run on a worker thread; the JavaFX thread only renders.
 */
public final class ConvScopeApp extends Application {

    static final double WINDOW_WIDTH = 1024;
    static final double WINDOW_HEIGHT = 640;
    static final double PREVIEW_SIZE = 256;
    static final Path DEFAULT_IMAGE = Path.of("sample-images", "coffee.png");

    private final ResourceBundle text = ResourceBundle.getBundle("io.convscope.ui.messages", Locale.getDefault());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-engine");
        t.setDaemon(true);
        return t;
    });

    private Inference inference;
    private Stage stage;
    private final ImageView original = new ImageView();
    private final ImageView processed = new ImageView();
    private final PredictionView prediction = new PredictionView();
    private final Label status = new Label();
    private final Label modelLabel = new Label();
    private final ProgressBar busy = new ProgressBar();

    public static void launchApp(String[] args) {
        launch(ConvScopeApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(layout(), WINDOW_WIDTH, WINDOW_HEIGHT));
        stage.setTitle(text.getString("app.title"));
        stage.setMinWidth(WINDOW_WIDTH);
        stage.setMinHeight(WINDOW_HEIGHT);
        stage.show();
        StartupProbe.windowShown();
        loadModel();
    }

    @Override
    public void stop() {
        worker.shutdownNow();
    }

    private BorderPane layout() {
        Button open = new Button(text.getString("action.open"));
        open.setTooltip(new Tooltip(text.getString("action.open.tooltip")));
        open.setOnAction(e -> chooseImage());
        busy.setVisible(false);
        busy.setPrefWidth(120);
        HBox toolbar = new HBox(12, open, modelLabel, busy);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(10));

        original.setFitWidth(PREVIEW_SIZE);
        original.setFitHeight(PREVIEW_SIZE);
        original.setPreserveRatio(true);
        original.setSmooth(true);
        processed.setFitWidth(PREVIEW_SIZE);
        processed.setFitHeight(PREVIEW_SIZE);
        processed.setSmooth(false); // show the network's 64x64 pixels as they are
        GridPane images = new GridPane();
        images.setHgap(16);
        images.setVgap(6);
        images.add(new Label(text.getString("image.original")), 0, 0);
        images.add(new Label(text.getString("image.processed")), 1, 0);
        images.add(original, 0, 1);
        images.add(processed, 1, 1);

        HBox center = new HBox(32, images, prediction);
        center.setPadding(new Insets(16));
        HBox.setHgrow(prediction, Priority.ALWAYS);

        status.setId("status");
        prediction.setId("prediction");
        processed.setId("processed");
        HBox statusBar = new HBox(status);
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        statusBar.getStyleClass().add("status-bar");

        BorderPane root = new BorderPane(center, toolbar, null, statusBar, null);
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                showImage(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        return root;
    }

    private void loadModel() {
        busy.setVisible(true);
        status.setText(text.getString("status.loadingModel"));
        Task<LoadedModel> task = new Task<>() {
            @Override
            protected LoadedModel call() throws ModelLoadException {
                return ModelLoader.loadBundled();
            }
        };
        task.setOnSucceeded(e -> {
            inference = new Inference(task.getValue());
            modelLabel.setText(task.getValue().source());
            busy.setVisible(false);
            if (Files.isRegularFile(DEFAULT_IMAGE)) {
                showImage(DEFAULT_IMAGE);
            } else {
                status.setText(text.getString("status.ready"));
            }
        });
        task.setOnFailed(e -> {
            busy.setVisible(false);
            status.setText(task.getException().getMessage());
        });
        worker.submit(task);
    }

    private void chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("action.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("filter.images"),
                "*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.tif", "*.tiff", "*.webp"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            showImage(f.toPath());
        }
    }

    /** Decodes and runs the image off the UI thread; on failure the current image stays and the status says why. */
    void showImage(Path file) {
        if (inference == null) {
            return;
        }
        Inference current = inference;
        busy.setVisible(true);
        Task<Shown> task = new Task<>() {
            @Override
            protected Shown call() throws ImageInputException {
                BufferedImage upright = ImagePreprocessor.decode(file);
                BufferedImage small = ImagePreprocessor.resizeAndCrop(upright,
                        current.model().inputHeight(), current.model().inputWidth());
                return new Shown(file, upright, small, current.run(file));
            }
        };
        task.setOnSucceeded(e -> {
            busy.setVisible(false);
            Shown s = task.getValue();
            original.setImage(SwingFXUtils.toFXImage(s.upright(), null));
            processed.setImage(SwingFXUtils.toFXImage(s.processed(), null));
            prediction.show(s.snapshot());
            stage.setTitle(s.file().getFileName() + " — " + text.getString("app.title"));
            status.setText(String.format(text.getString("status.prediction"), s.file().getFileName(),
                    s.snapshot().topLabel(), 100 * s.snapshot().probability(s.snapshot().topClass())));
            StartupProbe.predictionShown();
        });
        task.setOnFailed(e -> {
            busy.setVisible(false);
            status.setText(task.getException().getMessage());
        });
        worker.submit(task);
    }

    private record Shown(Path file, BufferedImage upright, BufferedImage processed, ActivationSnapshot snapshot) {
    }

    /** Class names with probability bars, most probable first. */
    static final class PredictionView extends VBox {
        PredictionView() {
            setSpacing(6);
        }

        void show(ActivationSnapshot s) {
            getChildren().clear();
            for (int c : s.ranking()) {
                Label name = new Label(s.network().classes().get(c));
                name.setMinWidth(110);
                ProgressBar bar = new ProgressBar(s.probability(c));
                bar.setPrefWidth(260);
                Label value = new Label(String.format(Locale.ROOT, "%.4f", s.probability(c)));
                HBox row = new HBox(10, name, bar, value);
                row.setAlignment(Pos.CENTER_LEFT);
                if (c == s.topClass()) {
                    name.setStyle("-fx-font-weight: bold;");
                }
                getChildren().add(row);
            }
        }
    }


}
