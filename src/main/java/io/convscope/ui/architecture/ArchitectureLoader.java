package io.convscope.ui.architecture;

import io.convscope.ui.architecture.ArchitectureSourceChooser.Source;
import io.convscope.ui.architecture.ArchitectureWindow.Loaded;
import io.convscope.ui.architecture.paint.MeasuredBoxWidths;
import javafx.concurrent.Task;

import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Loads the analyzer's sources one at a time on the window's own background thread. A newer load cancels the one
 * still running, and a late result of a replaced load is dropped, so the graph shown is always the last one asked
 * for. A source that cannot be read leaves the shown one in place: the chooser goes back to it and the reason is
 * told as a notice.
 */
final class ArchitectureLoader {

    private ResourceBundle text;
    private final MeasuredBoxWidths boxWidths;
    private final ArchitectureLoadingOverlay overlay;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-architecture");
        t.setDaemon(true);
        return t;
    });
    private Task<Loaded> loading;
    private Source shown;

    ArchitectureLoader(ResourceBundle text, MeasuredBoxWidths boxWidths) {
        this.text = text;
        this.boxWidths = boxWidths;
        this.overlay = new ArchitectureLoadingOverlay(text, this::cancel);
    }

    /** Speaks another language from the next message on. */
    void relabel(ResourceBundle text) {
        this.text = text;
        overlay.relabel(text);
    }

    /** The progress and cancel box drawn over the graph while a source loads. */
    ArchitectureLoadingOverlay overlay() {
        return overlay;
    }

    /** The thread exports run on too, so an export never races a load for the CPU. */
    ExecutorService worker() {
        return worker;
    }

    /** The source whose graph is shown; null before the first one has loaded. */
    Source shown() {
        return shown;
    }

    boolean isLoading() {
        return loading != null;
    }

    /**
     * Loads {@code s}; {@code loaded} receives its graph on the JavaFX thread, {@code failed} a sentence and the
     * source to show again in the chooser.
     */
    void load(Source s, Consumer<Loaded> loaded, BiConsumer<String, Source> failed) {
        cancel();
        Task<Loaded> task = new ArchitectureLoadTask(text, s, boxWidths);
        loading = task;
        overlay.follow(task);
        task.setOnSucceeded(e -> {
            if (loading != task) {
                return;
            }
            finish();
            Loaded l = task.getValue();
            if (l != null) {
                shown = s;
                loaded.accept(l);
            }
        });
        task.setOnFailed(e -> {
            if (loading != task) {
                return;
            }
            finish();
            Throwable t = task.getException();
            String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            failed.accept(String.format(text.getString("architecture.error.load"), s.label(text), why), shown);
        });
        task.setOnCancelled(e -> {
            finish();
            failed.accept(
                    String.format(text.getString("architecture.cancelled"), shown == null ? "" : shown.label(text)),
                    shown);
        });
        worker.submit(task);
    }

    void cancel() {
        Task<Loaded> t = loading;
        if (t != null) {
            t.cancel(true);
        }
    }

    /** The window closed: nothing more runs. */
    void shutdown() {
        cancel();
        worker.shutdownNow();
    }

    private void finish() {
        loading = null;
        overlay.finish();
    }
}
