package io.convscope.ui.train;

import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.training.DesignDraft;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a run leaves: the epoch to keep (the best by default, or any kept one), "Use this model" (exported and opened
 * in the overview), "Save model…" (a DL4J zip with its metadata), and the run's settings saved or opened. Exports run
 * on the state's background thread and say where they went; a failure is a sentence and changes nothing.
 */
final class ResultBar extends FlowPane {

    private final TrainState state;
    private final Words words;
    private final Supplier<Window> owner;
    private final Consumer<Path> useModel;
    private final ComboBox<Integer> epoch = new ComboBox<>();
    private final Button use = new Button();
    private final Button save = new Button();

    /** {@code useModel} opens a model file in the overview (the shell's loader). */
    ResultBar(TrainState state, Words words, Supplier<Window> owner, Consumer<Path> useModel) {
        super(8, 6);
        this.state = state;
        this.words = words;
        this.owner = owner;
        this.useModel = useModel;
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));
        epoch.setId("train-epoch-choice");
        use.setId("train-use");
        save.setId("train-save-model");
        use.getStyleClass().add("success");
        words.label(use, "train.result.use");
        words.tip(use, "train.result.use.tooltip");
        words.label(save, "train.result.save");
        words.tip(save, "train.result.save.tooltip");
        words.tip(epoch, "train.result.epoch.tooltip");
        epoch.setCellFactory(v -> new EpochCell());
        epoch.setButtonCell(new EpochCell());
        Button saveSettings = words.label(new Button(), "train.settings.save");
        saveSettings.setId("train-settings-save");
        Button openSettings = words.label(new Button(), "train.settings.open");
        openSettings.setId("train-settings-open");
        use.setOnAction(e -> export(null));
        save.setOnAction(e -> {
            FileChooser chooser = chooser("train.result.save", "*.zip");
            chooser.setInitialFileName("my-cnn.zip");
            File f = chooser.showSaveDialog(owner.get());
            if (f != null) {
                export(f.toPath());
            }
        });
        saveSettings.setOnAction(e -> {
            FileChooser chooser = chooser("train.settings.save", "*.json");
            chooser.setInitialFileName("my-run.json");
            File f = chooser.showSaveDialog(owner.get());
            if (f != null) {
                saveSettings(f.toPath());
            }
        });
        openSettings.setOnAction(e -> {
            File f = chooser("train.settings.open", "*.json").showOpenDialog(owner.get());
            if (f != null) {
                openSettings(f.toPath());
            }
        });
        getChildren().addAll(epoch, use, save, saveSettings, openSettings);
        state.epochs.addListener((ListChangeListener<Trainer.EpochResult>) c -> epochs());
        state.session.addListener((o, was, now) -> epochs());
        words.on(() -> epoch.setButtonCell(new EpochCell()));
        epochs();
    }

    /** The epochs to choose from: 0 (the best) first, then each kept one. */
    private void epochs() {
        TrainingSession s = state.session.get();
        List<Integer> items = new ArrayList<>();
        if (s != null && !state.epochs.isEmpty()) {
            items.add(0);
            items.addAll(s.keptEpochs());
        }
        Integer chosen = epoch.getValue();
        epoch.getItems().setAll(items);
        epoch.setValue(items.contains(chosen) ? chosen : items.isEmpty() ? null : 0);
        use.setDisable(items.isEmpty());
        save.setDisable(items.isEmpty());
        epoch.setDisable(items.isEmpty());
    }

    /** {@code to} null: "Use this model", into a folder of its own, then opened in the overview. */
    private void export(Path to) {
        TrainingSession s = state.session.get();
        Integer e = epoch.getValue();
        if (s == null || e == null) {
            return;
        }
        state.message.set(TrainState.Message.info("train.result.exporting"));
        state.worker.submit(() -> {
            try {
                Path zip = to == null ? s.useModel(e) : s.export(e, to);
                Platform.runLater(() -> {
                    if (to == null) {
                        useModel.accept(zip);
                        state.message.set(TrainState.Message.info("train.result.used", zip.getFileName()));
                    } else {
                        state.message.set(TrainState.Message.info("train.result.saved", zip));
                    }
                });
            } catch (IOException | RuntimeException x) {
                Platform.runLater(() -> state.message.set(TrainState.Message.failure("train.result.failed", x)));
            }
        });
    }

    void saveSettings(Path file) {
        RunSettings s = state.settings.get();
        state.worker.submit(() -> {
            try {
                s.write(file);
                Platform.runLater(() -> state.message.set(TrainState.Message.info("train.settings.saved", file)));
            } catch (IOException x) {
                Platform.runLater(() -> state.message.set(TrainState.Message.failure("train.settings.failed", x)));
            }
        });
    }

    /** Reads a settings file; a bad one is one sentence and the settings on show stay. */
    void openSettings(Path file) {
        if (state.live()) {
            state.message.set(TrainState.Message.error("train.data.busy", null));
            return;
        }
        state.worker.submit(() -> {
            try {
                RunSettings s = RunSettings.read(file);
                Platform.runLater(() -> {
                    state.settings.set(s.withData(state.settings.get().data()));
                    state.draft.set(DesignDraft.of(s.design()));
                    state.message.set(TrainState.Message.info("train.settings.opened", file.getFileName()));
                    if (s.data() != null) {
                        state.chooseData(s.data());
                    }
                });
            } catch (IOException x) {
                Platform.runLater(() -> state.message.set(TrainState.Message.failure("train.settings.refused", x)));
            }
        });
    }

    private FileChooser chooser(String titleKey, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(words.get(titleKey));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        return chooser;
    }

    /** "best (epoch 7)" for 0, else "epoch 3". */
    private final class EpochCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            TrainingSession s = state.session.get();
            if (empty || item == null) {
                setText(null);
            } else if (item == 0) {
                setText(words.format("train.result.best", s == null ? 0 : s.bestEpoch()));
            } else {
                setText(words.format("train.result.epoch", item));
            }
        }
    }
}
