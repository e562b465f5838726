package io.convscope.ui.explorer;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.dataset.EvaluationScope;
import io.convscope.ui.common.FailureReason;
import io.convscope.ui.explorer.ExplorerRun.Explored;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The explorer's top row: Choose folder, the folder scored, and while it is scored its progress and Cancel. Runs one
 * evaluation at a time on its own background thread; a newer one cancels the older, whose late result is dropped. A
 * folder that cannot be scored leaves the shown results in place and says why.
 */
final class ExplorerControls extends HBox {

    private final ResourceBundle text;
    private final LoadedModel model;
    private final Path modelFile;
    private final Consumer<Explored> shown;
    private final Label folder = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-explorer");
        t.setDaemon(true);
        return t;
    });
    private ExplorerRun running;

    ExplorerControls(
            ResourceBundle text, LoadedModel model, Path modelFile, Runnable choose, Consumer<Explored> shown) {
        super(10);
        this.text = text;
        this.model = model;
        this.modelFile = modelFile;
        this.shown = shown;
        Button chooseButton = new Button(text.getString("explorer.choose"));
        chooseButton.setId("explorer-choose");
        chooseButton.setOnAction(e -> choose.run());
        cancel = new Button(text.getString("explorer.cancel"));
        cancel.setId("explorer-cancel");
        cancel.setOnAction(e -> cancel());
        folder.setId("explorer-folder");
        progressText.setId("explorer-progress");
        progress.setPrefWidth(220);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(chooseButton, folder, spacer, progressText, progress, cancel);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 0, 12));
        busy(false);
    }

    boolean isRunning() {
        return running != null;
    }

    void run(Path chosen) {
        cancel();
        ExplorerRun task = new ExplorerRun(text, model, modelFile, chosen);
        running = task;
        folder.setText(EvaluationScope.scoredFolder(chosen).toString());
        progress.progressProperty().bind(task.progressProperty());
        progressText.textProperty().bind(task.messageProperty());
        busy(true);
        task.setOnSucceeded(e -> {
            if (finish(task)) {
                shown.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (finish(task)) {
                Throwable t = task.getException();
                String why = FailureReason.of(text, t);
                progressText.setText(String.format(text.getString("explorer.error"), chosen, why));
                progressText.setVisible(true);
            }
        });
        task.setOnCancelled(e -> {
            if (finish(task)) {
                progressText.setText(text.getString("explorer.cancelled"));
                progressText.setVisible(true);
            }
        });
        worker.submit(task);
    }

    void cancel() {
        ExplorerRun t = running;
        if (t != null) {
            t.cancel(false); // the evaluation asks isCancelled() after every image and stops itself
        }
    }

    void shutdown() {
        cancel();
        worker.shutdownNow();
    }

    /** @return whether {@code task} is still the current run (a replaced run's outcome is dropped) */
    private boolean finish(ExplorerRun task) {
        if (running != task) {
            return false;
        }
        running = null;
        progress.progressProperty().unbind();
        progressText.textProperty().unbind();
        busy(false);
        return true;
    }

    private void busy(boolean on) {
        progress.setVisible(on);
        cancel.setVisible(on);
        progressText.setVisible(on);
    }
}
