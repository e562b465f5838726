package io.convscope.ui.train;

import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.TrainingRecipe;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The Hyperparameters tab: epochs, batch size, learning rate and its schedule, the optimiser, augmentation and the
 * seed, with the recipe the bundled Tiny VGG was trained with as the defaults.
 */
final class HyperparameterPane extends VBox {

    private final TrainState state;
    private final Words words;
    private final Spinner<Integer> epochs;
    private final Spinner<Integer> batch;
    private final Spinner<Double> rate;
    private final Spinner<Integer> seed;
    private final ComboBox<TrainingRecipe.ScheduleKind> schedule =
            new ComboBox<>(FXCollections.observableArrayList(TrainingRecipe.ScheduleKind.values()));
    private final ComboBox<TrainingRecipe.OptimiserKind> optimiser =
            new ComboBox<>(FXCollections.observableArrayList(TrainingRecipe.OptimiserKind.values()));
    private final CheckBox augment = new CheckBox();
    private final GridPane grid = new GridPane();
    private boolean showing;

    HyperparameterPane(TrainState state, Words words) {
        super(10);
        this.state = state;
        this.words = words;
        setPadding(new Insets(10));
        epochs = Fields.whole(1, RunSettings.MAX_EPOCHS, 20, 1, v -> edit(s -> s.withEpochs(v, s.batchSize())));
        epochs.setId("train-epochs");
        batch = Fields.whole(1, RunSettings.MAX_BATCH, 32, 8, v -> edit(s -> s.withEpochs(s.epochs(), v)));
        batch.setId("train-batch");
        rate = Fields.decimal(
                1e-6, 1, 0.002, 0.001, v -> edit(s -> with(s, v, s.optimiser(), s.schedule(), s.augment(), s.seed())));
        rate.setId("train-rate");
        seed = Fields.whole(
                0,
                Integer.MAX_VALUE,
                42,
                1,
                v -> edit(s -> with(s, s.learningRate(), s.optimiser(), s.schedule(), s.augment(), v)));
        seed.setId("train-seed");
        schedule.setOnAction(
                e -> edit(s -> with(s, s.learningRate(), s.optimiser(), schedule.getValue(), s.augment(), s.seed())));
        optimiser.setOnAction(
                e -> edit(s -> with(s, s.learningRate(), optimiser.getValue(), s.schedule(), s.augment(), s.seed())));
        augment.setOnAction(
                e -> edit(s -> with(s, s.learningRate(), s.optimiser(), s.schedule(), augment.isSelected(), s.seed())));
        schedule.setCellFactory(v -> new Named<>("train.hyper.schedule."));
        schedule.setButtonCell(new Named<>("train.hyper.schedule."));
        optimiser.setCellFactory(v -> new Named<>("train.hyper.optimiser."));
        optimiser.setButtonCell(new Named<>("train.hyper.optimiser."));
        words.label(augment, "train.hyper.augment");
        words.tip(augment, "train.hyper.augment.tooltip");
        grid.setHgap(10);
        grid.setVgap(8);
        addRow(0, "train.hyper.epochs", epochs);
        addRow(1, "train.hyper.batch", batch);
        addRow(2, "train.hyper.rate", rate);
        addRow(3, "train.hyper.schedule", schedule);
        addRow(4, "train.hyper.optimiser", optimiser);
        addRow(5, "train.hyper.seed", seed);
        grid.add(augment, 0, 6, 2, 1);
        Button defaults = words.label(new Button(), "train.hyper.defaults");
        defaults.setId("train-hyper-defaults");
        words.tip(defaults, "train.hyper.defaults.tooltip");
        defaults.setOnAction(e -> {
            RunSettings d = RunSettings.defaults(state.settings.get().data());
            state.settings.set(new RunSettings(
                    d.data(),
                    state.settings.get().design(),
                    d.epochs(),
                    d.batchSize(),
                    d.learningRate(),
                    d.optimiser(),
                    d.schedule(),
                    d.augment(),
                    d.seed()));
        });
        getChildren().addAll(grid, defaults);
        state.settings.addListener((o, was, now) -> show(now));
        state.phase.addListener((o, was, now) -> grid.setDisable(state.live()));
        state.session.addListener((o, was, now) -> grid.setDisable(state.live()));
        words.on(() -> {
            schedule.setButtonCell(new Named<>("train.hyper.schedule."));
            optimiser.setButtonCell(new Named<>("train.hyper.optimiser."));
        });
        show(state.settings.get());
    }

    private void addRow(int row, String key, Control field) {
        Label l = words.label(new Label(), key);
        words.tip(field, key + ".tooltip");
        grid.add(l, 0, row);
        grid.add(field, 1, row);
    }

    private static RunSettings with(
            RunSettings s,
            double lr,
            TrainingRecipe.OptimiserKind opt,
            TrainingRecipe.ScheduleKind sched,
            boolean aug,
            long seedValue) {
        return new RunSettings(s.data(), s.design(), s.epochs(), s.batchSize(), lr, opt, sched, aug, seedValue);
    }

    private void edit(UnaryOperator<RunSettings> change) {
        if (!showing) {
            state.settings.set(change.apply(state.settings.get()));
        }
    }

    private void show(RunSettings s) {
        showing = true;
        try {
            Fields.set(epochs, s.epochs());
            Fields.set(batch, s.batchSize());
            Fields.set(rate, s.learningRate());
            Fields.set(seed, (int) Math.max(0, Math.min(Integer.MAX_VALUE, s.seed())));
            schedule.setValue(s.schedule());
            optimiser.setValue(s.optimiser());
            augment.setSelected(s.augment());
        } finally {
            showing = false;
        }
    }

    /** A choice shown by its message key: {@code prefix} + the constant's name in lower case. */
    private final class Named<T extends Enum<T>> extends ListCell<T> {
        private final String prefix;

        Named(String prefix) {
            this.prefix = prefix;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(
                    empty || item == null
                            ? null
                            : words.get(prefix + item.name().toLowerCase(Locale.ROOT)));
        }
    }
}
