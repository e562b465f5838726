package io.convscope.ui.explorer;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.EvaluationScope;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.ui.common.FailureReason;
import io.convscope.ui.explorer.ExplorerRun.Explored;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The third tab: another model scored on the same folder, and the images the shown model gets wrong that the other
 * gets right. The other model is loaded and scored on this tab's own background thread.
 */
final class ModelComparison extends VBox {

    private final ResourceBundle text;
    private final Supplier<Explored> explored;
    private final ImageGallery gallery;
    private final Label status = new Label();
    private final Button choose;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-explorer-compare");
        t.setDaemon(true);
        return t;
    });

    ModelComparison(ResourceBundle text, Thumbnails thumbnails, ImageActions open, Supplier<Explored> explored) {
        super(8);
        this.text = text;
        this.explored = explored;
        this.gallery = new ImageGallery(text, thumbnails, open);
        gallery.setId("explorer-compare-gallery");
        choose = new Button(text.getString("explorer.compare.choose"));
        choose.setId("explorer-compare");
        choose.setOnAction(e -> chooseModel(getScene().getWindow()));
        status.setWrapText(true);
        HBox row = new HBox(10, choose, status);
        row.setPadding(new Insets(8, 8, 0, 8));
        VBox.setVgrow(gallery, Priority.ALWAYS);
        getChildren().addAll(row, gallery);
        status.setText(text.getString("explorer.compare.hint"));
    }

    boolean isRunning() {
        return choose.isDisabled();
    }

    void shutdown() {
        worker.shutdownNow();
    }

    private void chooseModel(Window owner) {
        Explored shown = explored.get();
        if (shown == null) {
            status.setText(text.getString("explorer.compare.first"));
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("explorer.compare.choose"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            compare(shown, file.toPath());
        }
    }

    /** Scores the model in {@code modelFile} on the shown folder and lists what only the shown model gets wrong. */
    void compare(Explored shown, Path modelFile) {
        Task<DatasetReport> task = new Task<>() {
            @Override
            protected DatasetReport call() throws Exception {
                LoadedModel other = ModelLoader.load(modelFile);
                EvaluationScope scope = EvaluationScope.of(modelFile, other, shown.root());
                Evaluation e = Evaluation.of(other, scope.samples(), shown.root(), (done, total) -> {
                    updateMessage(String.format(text.getString("explorer.progress"), done, total));
                    return !isCancelled();
                });
                return new DatasetReport(other.description().classes(), e.confusion(), e.images());
            }
        };
        status.textProperty().bind(task.messageProperty());
        choose.setDisable(true);
        task.setOnSucceeded(e -> {
            done();
            String name = modelFile.getFileName().toString();
            DatasetReport r = shown.report();
            gallery.show(
                    String.format(text.getString("explorer.compare.heading"), name),
                    r.wrongWhereRight(task.getValue()),
                    r.classes(),
                    shown.root(),
                    false);
            status.setText(String.format(
                    text.getString("explorer.compare.accuracy"),
                    name,
                    ExplorerWindow.percent(task.getValue().accuracy())));
        });
        task.setOnFailed(e -> {
            done();
            Throwable t = task.getException();
            String why = FailureReason.of(text, t);
            status.setText(String.format(text.getString("explorer.error"), modelFile.getFileName(), why));
        });
        worker.submit(task);
    }

    private void done() {
        status.textProperty().unbind();
        choose.setDisable(false);
    }
}
