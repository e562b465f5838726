package io.convscope.ui.train;

import io.convscope.engine.dataset.DatasetSplit;
import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.training.DesignDraft;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Everything the Train workspace knows, apart from its controls: the run's settings and the simple architecture form,
 * the data set chosen and what its check found, the session and what it reported, and the sentence on show. The
 * view's parts read and write it on the FX thread; a change of language or theme re-labels the parts and keeps all
 * of this. Slow work (checking a data set, exporting, closing a run) goes to one background thread.
 */
final class TrainState {

    /** A sentence to show: a message key and its arguments; {@code detail} is an engine sentence (English) after it. */
    record Message(String key, List<Object> args, String detail, Throwable cause, boolean error) {
        static Message info(String key, Object... args) {
            return new Message(key, List.of(args), null, null, false);
        }

        /** An error whose sentence ends with {@code detail} (our own words, or none). */
        static Message error(String key, String detail, Object... args) {
            return new Message(key, List.of(args), detail, null, true);
        }

        /** An error whose sentence ends with why {@code cause} happened, told in the language on show. */
        static Message failure(String key, Throwable cause, Object... args) {
            return new Message(key, List.of(args), null, cause, true);
        }
    }

    /**
     * A data set folder and what is known of it: its listing (classes, split), then, once every image was decoded,
     * the checked images with the files that could not be read ({@code notes}).
     */
    record DataCheck(Path folder, ImageFolderDataset dataset, TrainingData checked, List<String> notes) {
        boolean checking() {
            return checked == null;
        }
    }

    final ObjectProperty<RunSettings> settings = new SimpleObjectProperty<>(RunSettings.defaults(null));
    /** The simple form's description of the design; null when the design (from a file) is more than it can say. */
    final ObjectProperty<DesignDraft> draft = new SimpleObjectProperty<>(DesignDraft.tinyVgg());

    final ObjectProperty<DataCheck> data = new SimpleObjectProperty<>();
    final ObjectProperty<TrainingSession> session = new SimpleObjectProperty<>();
    final ObjectProperty<TrainingSession.Phase> phase = new SimpleObjectProperty<>();
    final ObjectProperty<TrainingSession.Prepared> prepared = new SimpleObjectProperty<>();
    final ObjectProperty<TrainingSession.BatchReport> lastBatch = new SimpleObjectProperty<>();
    final ObservableList<Trainer.EpochResult> epochs = FXCollections.observableArrayList();
    final ObjectProperty<Message> message = new SimpleObjectProperty<>();
    final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convscope-train-workspace");
        t.setDaemon(true);
        return t;
    });
    private long dataGeneration;
    /** Told of a new run right after it starts, before its first batch can finish (the insights watch it). */
    Consumer<TrainingSession> starting = s -> {};
    /** Told just before Step lets the run's next batch through (the insights arm the step inspector). */
    Consumer<TrainingSession> beforeStep = s -> {};

    /** True while a run is preparing, running or paused: its settings cannot change then. */
    boolean live() {
        TrainingSession s = session.get();
        return s != null && (phase.get() == null || !phase.get().ended());
    }

    /**
     * Opens and checks {@code folder} in the background: the listing first (classes, counts, split by the run's
     * seed), then every image decoded at the design's input size. A folder that cannot be trained on keeps the data
     * set shown before and says why.
     */
    void chooseData(Path folder) {
        if (live()) {
            message.set(Message.error("train.data.busy", null));
            return;
        }
        long generation = ++dataGeneration;
        DataCheck before = data.get();
        RunSettings s = settings.get();
        message.set(Message.info("train.data.checking", folder.toString()));
        worker.submit(() -> {
            try {
                ImageFolderDataset dataset =
                        ImageFolderDataset.open(folder, s.seed(), DatasetSplit.DEFAULT_VALIDATION_FRACTION);
                onFx(generation, () -> {
                    data.set(new DataCheck(folder, dataset, null, List.of()));
                    settings.set(settings.get().withData(folder));
                });
                List<String> notes = new ArrayList<>();
                TrainingData checked = TrainingData.load(
                        dataset,
                        s.design().withClasses(dataset.classes().size()).inputShape(),
                        notes::add);
                onFx(generation, () -> {
                    data.set(new DataCheck(folder, dataset, checked, List.copyOf(notes)));
                    message.set(null);
                });
            } catch (IOException | UncheckedIOException e) {
                onFx(generation, () -> {
                    data.set(before);
                    settings.set(settings.get().withData(before == null ? null : before.folder()));
                    message.set(Message.failure("train.data.refused", e, folder.toString()));
                });
            }
        });
    }

    private void onFx(long generation, Runnable r) {
        Platform.runLater(() -> {
            if (generation == dataGeneration) {
                r.run();
            }
        });
    }

    /** Ends the current run (if any) in the background and forgets it. */
    void closeSession() {
        TrainingSession s = session.get();
        session.set(null);
        if (s != null) {
            s.stop();
            worker.submit(() -> {
                try {
                    s.close();
                } catch (IOException e) {
                    // its scratch folder stays in the temporary folder; nothing the student can act on
                }
            });
        }
    }
}
