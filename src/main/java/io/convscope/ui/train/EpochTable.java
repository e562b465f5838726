package io.convscope.ui.train;

import io.convscope.engine.training.Trainer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Every finished epoch of the run: its training and validation loss and accuracy, its time, and the best one marked. */
final class EpochTable extends TableView<Trainer.EpochResult> {

    EpochTable(TrainState state, Words words) {
        super(state.epochs);
        setId("train-epochs-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Trainer.EpochResult, String> epoch = column(r -> Integer.toString(r.epoch()));
        TableColumn<Trainer.EpochResult, String> trainLoss = column(r -> fixed(r.trainLoss(), 4));
        TableColumn<Trainer.EpochResult, String> trainAcc = column(r -> fixed(100 * r.trainAccuracy(), 1) + " %");
        TableColumn<Trainer.EpochResult, String> valLoss = column(r -> fixed(r.validationLoss(), 4));
        TableColumn<Trainer.EpochResult, String> valAcc = column(r -> fixed(100 * r.validationAccuracy(), 1) + " %");
        TableColumn<Trainer.EpochResult, String> seconds = column(r -> fixed(r.seconds(), 1));
        TableColumn<Trainer.EpochResult, String> best = column(r -> r.best() ? "★" : "");
        getColumns().setAll(List.of(epoch, trainLoss, trainAcc, valLoss, valAcc, seconds, best));
        // The numbers' columns get the room: at 1024 px seven equal columns cut "Validation accuracy" to "Valida…".
        epoch.setPrefWidth(64);
        seconds.setPrefWidth(84);
        best.setPrefWidth(56);
        words.on(() -> {
            epoch.setText(words.get("train.epochs.epoch"));
            trainLoss.setText(words.get("train.epochs.trainLoss"));
            trainAcc.setText(words.get("train.epochs.trainAccuracy"));
            valLoss.setText(words.get("train.epochs.validationLoss"));
            valAcc.setText(words.get("train.epochs.validationAccuracy"));
            seconds.setText(words.get("train.epochs.seconds"));
            best.setText(words.get("train.epochs.best"));
            setPlaceholder(new Label(words.get("train.epochs.none")));
        });
    }

    private static TableColumn<Trainer.EpochResult, String> column(Function<Trainer.EpochResult, String> value) {
        TableColumn<Trainer.EpochResult, String> c = new TableColumn<>();
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
