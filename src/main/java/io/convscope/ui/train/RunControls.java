package io.convscope.ui.train;

import io.convscope.engine.training.RunSettings;
import io.convscope.engine.training.Trainer;
import io.convscope.engine.training.TrainingSession;
import io.convscope.explain.training.DesignSummary;
import io.convscope.ui.common.FailureReason;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.util.Locale;

/**
 * Start, pause or resume, step and stop, the line saying where the run is (epoch, batch, images per second, time
 * left) and the sentence on show. Starting checks what it can first (a data set chosen, a design that works, a step
 * that fits in memory) and says what is wrong instead of starting; the run's events arrive coalesced through a
 * {@link LiveFeed} and go to the state and the charts.
 */
final class RunControls extends VBox {

    private final TrainState state;
    private final Words words;
    private final RunCharts charts;
    private final Button start = new Button();
    private final Button pause = new Button();
    private final Button step = new Button();
    private final Button stop = new Button();
    private final Label status = new Label();
    private final Label message = new Label();

    RunControls(TrainState state, Words words, RunCharts charts) {
        super(6);
        this.state = state;
        this.words = words;
        this.charts = charts;
        start.setId("train-start");
        pause.setId("train-pause");
        step.setId("train-step");
        stop.setId("train-stop");
        status.setId("train-status");
        message.setId("train-message");
        start.getStyleClass().add("accent");
        words.label(start, "train.run.start");
        words.tip(start, "train.run.start.tooltip");
        words.tip(pause, "train.run.pause.tooltip");
        words.label(step, "train.run.step");
        words.tip(step, "train.run.step.tooltip");
        words.label(stop, "train.run.stop");
        words.tip(stop, "train.run.stop.tooltip");
        start.setOnAction(e -> start(false));
        pause.setOnAction(e -> {
            TrainingSession s = state.session.get();
            if (s != null && state.phase.get() == TrainingSession.Phase.PAUSED) {
                s.resume();
            } else if (s != null) {
                s.pause();
            }
        });
        step.setOnAction(e -> {
            if (state.live()) {
                state.beforeStep.accept(state.session.get());
                state.session.get().step();
            } else {
                start(true);
            }
        });
        stop.setOnAction(e -> {
            if (state.session.get() != null) {
                state.session.get().stop();
            }
        });
        status.setWrapText(true);
        message.setWrapText(true);
        FlowPane buttons = new FlowPane(8, 6, start, pause, step, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(10, 10, 0, 10));
        getChildren().addAll(buttons, status, message);
        state.phase.addListener((o, was, now) -> refresh());
        state.session.addListener((o, was, now) -> refresh());
        state.data.addListener((o, was, now) -> refresh());
        state.lastBatch.addListener((o, was, now) -> refresh());
        state.message.addListener((o, was, now) -> showMessage());
        state.settings.addListener((o, was, now) -> charts.plan(now.epochs()));
        charts.plan(state.settings.get().epochs());
        words.on(() -> {
            refresh();
            showMessage();
        });
    }

    /** Starts a new run (a previous one ends); {@code paused}: it runs its first batch only, then waits. */
    void start(boolean paused) {
        TrainState.DataCheck data = state.data.get();
        if (data == null || data.checked() == null) {
            state.message.set(TrainState.Message.error("train.run.noData", null));
            return;
        }
        RunSettings settings = state.settings.get();
        int classes = data.dataset().classes().size();
        DesignSummary design = DesignSummary.of(settings.design().withClasses(classes));
        if (!design.works()) {
            state.message.set(TrainState.Message.failure("train.run.badDesign", design.failure()));
            return;
        }
        int batch = Math.min(
                settings.batchSize(), Math.max(1, data.dataset().train().size()));
        long need = design.trainingStepBytes(batch);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            state.message.set(TrainState.Message.error("train.run.memory", null, need >> 20, free >> 20, batch));
            return;
        }
        state.closeSession();
        charts.clear(settings.epochs());
        state.epochs.clear();
        state.lastBatch.set(null);
        state.prepared.set(null);
        state.message.set(null);
        TrainingSession[] mine = new TrainingSession[1];
        LiveFeed feed = new LiveFeed(u -> {
            if (mine[0] != null && state.session.get() == mine[0]) {
                apply(u);
            }
        });
        try {
            mine[0] = TrainingSession.start(settings, data.checked(), feed, paused);
            state.starting.accept(mine[0]);
            if (paused) {
                state.beforeStep.accept(mine[0]);
                mine[0].step(); // Step before a run: its first batch, then it waits
            }
        } catch (IOException e) {
            state.message.set(TrainState.Message.failure("train.run.failed", e));
            return;
        }
        state.phase.set(TrainingSession.Phase.PREPARING);
        state.session.set(mine[0]);
    }

    /** One coalesced update of the run, on the FX thread. */
    private void apply(LiveFeed.Update u) {
        if (u.prepared() != null) {
            state.prepared.set(u.prepared());
        }
        if (u.batches() > 0) {
            charts.batches(u.at(), u.meanLoss());
            state.lastBatch.set(u.last());
        }
        for (Trainer.EpochResult r : u.epochs()) {
            charts.epoch(r);
            state.epochs.add(r);
        }
        if (u.failure() != null) {
            state.message.set(TrainState.Message.failure("train.run.failed", u.failure()));
        }
        if (u.phase() != null) {
            state.phase.set(u.phase());
        }
        refresh();
    }

    private void refresh() {
        TrainingSession.Phase p = state.phase.get();
        boolean live = state.live();
        // Not before every image was checked: the run takes the checked images instead of decoding them again.
        boolean hasData = state.data.get() != null && state.data.get().checked() != null;
        start.setDisable(live || !hasData);
        step.setDisable(
                !(hasData && (!live || p == TrainingSession.Phase.RUNNING || p == TrainingSession.Phase.PAUSED)));
        pause.setDisable(!(p == TrainingSession.Phase.RUNNING || p == TrainingSession.Phase.PAUSED) || !live);
        pause.setText(words.get(p == TrainingSession.Phase.PAUSED && live ? "train.run.resume" : "train.run.pause"));
        stop.setDisable(!live);
        status.setText(statusLine(p));
    }

    private String statusLine(TrainingSession.Phase p) {
        if (state.session.get() == null || p == null) {
            return words.get(state.data.get() == null ? "train.status.noData" : "train.status.ready");
        }
        String phase = words.get("train.phase." + p.name().toLowerCase(Locale.ROOT));
        TrainingSession.BatchReport b = state.lastBatch.get();
        if (b == null) {
            return phase;
        }
        String line = words.format(
                "train.status.progress",
                phase,
                b.epoch(),
                state.session.get().settings().epochs(),
                b.batch(),
                b.batchesPerEpoch(),
                b.loss(),
                b.learningRate(),
                b.imagesPerSecond());
        return p == TrainingSession.Phase.RUNNING && Double.isFinite(b.secondsLeft())
                ? line + words.format("train.status.left", duration(b.secondsLeft()))
                : line;
    }

    String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return words.format("train.time.seconds", s);
        }
        if (s < 3600) {
            return words.format("train.time.minutes", s / 60, s % 60);
        }
        return words.format("train.time.hours", s / 3600, s / 60 % 60);
    }

    private void showMessage() {
        TrainState.Message m = state.message.get();
        message.getStyleClass().removeAll("danger", "text-muted");
        if (m == null) {
            message.setText("");
            return;
        }
        message.getStyleClass().add(m.error() ? "danger" : "text-muted");
        String text = words.format(m.key(), m.args().toArray());
        String detail = m.cause() != null ? FailureReason.of(words.text(), m.cause()) : m.detail();
        message.setText(detail == null ? text : text + " " + detail);
    }
}
