package io.convscope.ui.explorer;

import io.convscope.engine.LoadedModel;
import io.convscope.engine.dataset.Evaluation;
import io.convscope.engine.dataset.EvaluationScope;
import io.convscope.explain.dataset.DatasetReport;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.ResourceBundle;

/**
 * Scores a model on a labelled folder, off the JavaFX thread, exactly as {@code evaluate} does (a split recorded
 * beside the model is honoured the same way, and a {@code train/ val/} folder is scored on its {@code val/} half by the
 * same rule, {@link EvaluationScope#scoredFolder(Path)}).
 */
final class ExplorerRun extends Task<ExplorerRun.Explored> {

    /** What the window shows: the folder the images' paths are relative to, and the report. */
    record Explored(Path root, DatasetReport report, boolean split) {}

    private final ResourceBundle text;
    private final LoadedModel model;
    private final Path modelFile;
    private final Path chosen;

    /** @param modelFile the model's zip when it came from one (its split may sit beside it), else null */
    ExplorerRun(ResourceBundle text, LoadedModel model, Path modelFile, Path chosen) {
        this.text = text;
        this.model = model;
        this.modelFile = modelFile;
        this.chosen = chosen;
    }

    @Override
    protected Explored call() throws Exception {
        updateMessage(String.format(
                text.getString("explorer.listing"),
                EvaluationScope.scoredFolder(chosen).getFileName()));
        EvaluationScope scope = EvaluationScope.of(modelFile, model, chosen);
        Path dir = scope.folder();
        Evaluation e = Evaluation.of(model, scope.samples(), dir, (done, total) -> {
            updateProgress(done, total);
            updateMessage(String.format(text.getString("explorer.progress"), done, total));
            return !isCancelled();
        });
        DatasetReport report = new DatasetReport(model.description().classes(), e.confusion(), e.images());
        return new Explored(dir, report, scope.split() != null);
    }
}
