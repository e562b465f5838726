package io.convscope.ui.train;

import io.convscope.explain.training.DesignDraft;
import io.convscope.explain.training.DesignSummary;
import io.convscope.network.design.ArchitectureDesign;
import io.convscope.network.design.Block;
import io.convscope.ui.common.FailureReason;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Architecture tab: Tiny VGG to start from, changed with simple controls (input size; per stage the number of
 * convolutions, their filters and kernel size, and pooling; padding and batch norm; hidden dense layers; dropout),
 * with its parameters, multiply-adds and memory from the analyzer's formulas and every layer's output size, live.
 * A design that does not work is kept and explained (the block, and why), never refused silently.
 */
final class ArchitecturePane extends VBox {

    private static final List<Integer> KERNELS = List.of(1, 3, 5, 7);

    private final TrainState state;
    private final Words words;
    private final VBox stages = new VBox(6);
    private final VBox dense = new VBox(6);
    private final Spinner<Integer> input;
    private final CheckBox same = new CheckBox();
    private final CheckBox norm = new CheckBox();
    private final Spinner<Double> dropout;
    private final Button addStage = new Button();
    private final Button addDense = new Button();
    private final Label figures = new Label();
    private final Label problem = new Label();
    private final Label fromFile = new Label();
    private final TableView<DesignSummary.Row> table = new TableView<>();
    private final VBox form;
    private boolean showing;
    private boolean editing;

    ArchitecturePane(TrainState state, Words words) {
        super(8);
        this.state = state;
        this.words = words;
        setPadding(new Insets(10));
        input = Fields.whole(DesignDraft.MIN_INPUT, DesignDraft.MAX_INPUT, 64, 8, v -> edit(d -> d.withInputSize(v)));
        input.setId("train-arch-input");
        dropout = Fields.decimal(0, 0.9, 0, 0.1, v -> edit(d -> d.withDropout(v)));
        dropout.setId("train-arch-dropout");
        same.setOnAction(e -> edit(d -> d.withSamePadding(same.isSelected())));
        norm.setOnAction(e -> edit(d -> d.withBatchNorm(norm.isSelected())));
        words.label(same, "train.arch.same");
        words.tip(same, "train.arch.same.tooltip");
        words.label(norm, "train.arch.batchNorm");
        words.tip(norm, "train.arch.batchNorm.tooltip");
        words.label(addStage, "train.arch.addStage");
        addStage.setId("train-arch-add-stage");
        addStage.setOnAction(
                e -> change(state.draft.get().withStages(plus(state.draft.get().stages(), last()))));
        words.label(addDense, "train.arch.addDense");
        addDense.setOnAction(e ->
                change(state.draft.get().withDenseUnits(plus(state.draft.get().denseUnits(), 64))));
        Button reset = words.label(new Button(), "train.arch.reset");
        reset.setId("train-arch-reset");
        reset.setOnAction(e -> change(DesignDraft.tinyVgg()));
        FlowPane inputRow = new FlowPane(6, 4, words.label(new Label(), "train.arch.input"), input, reset);
        inputRow.setAlignment(Pos.CENTER_LEFT);
        HBox dropoutRow = row(words.label(new Label(), "train.arch.dropout"), dropout);
        words.tip(dropout, "train.arch.dropout.tooltip");
        form = new VBox(8, inputRow, stages, addStage, new FlowPane(12, 4, same, norm), dense, addDense, dropoutRow);
        figures.setId("train-arch-figures");
        figures.setWrapText(true);
        problem.setId("train-arch-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        fromFile.setWrapText(true);
        table.setId("train-arch-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(240);
        // JavaFX's own "No content in table" would stay English in the Chinese window.
        Label noLayers = new Label();
        noLayers.setWrapText(true);
        table.setPlaceholder(noLayers);
        getChildren().addAll(fromFile, form, figures, problem, table);
        columns();
        state.draft.addListener((o, was, now) -> {
            if (!editing) {
                showDraft();
            }
        });
        state.settings.addListener((o, was, now) -> showFigures());
        state.data.addListener((o, was, now) -> showFigures());
        state.phase.addListener((o, was, now) -> lockWhileLive());
        state.session.addListener((o, was, now) -> lockWhileLive());
        words.on(() -> {
            noLayers.setText(words.get("train.arch.noLayers"));
            showDraft();
            showFigures();
        });
    }

    private void lockWhileLive() {
        form.setDisable(state.live() || state.draft.get() == null);
    }

    private interface Edit {
        DesignDraft apply(DesignDraft d);
    }

    /** A control changed one value: the draft follows without the form being made again (the focus stays). */
    private void edit(Edit e) {
        if (!showing && state.draft.get() != null) {
            editing = true;
            try {
                setDraft(e.apply(state.draft.get()));
            } finally {
                editing = false;
            }
        }
    }

    /** A change of the form's structure (a stage or dense layer added or removed, a reset): the form is made again. */
    private void change(DesignDraft d) {
        setDraft(d);
    }

    private void setDraft(DesignDraft d) {
        state.draft.set(d);
        state.settings.set(state.settings.get().withDesign(d.design()));
    }

    private DesignDraft.Stage last() {
        List<DesignDraft.Stage> s = state.draft.get().stages();
        return s.isEmpty() ? new DesignDraft.Stage(2, 10, 3, true) : s.get(s.size() - 1);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> l = new ArrayList<>(list);
        l.add(item);
        return l;
    }

    private static <T> List<T> minus(List<T> list, int index) {
        List<T> l = new ArrayList<>(list);
        l.remove(index);
        return l;
    }

    private void showDraft() {
        DesignDraft d = state.draft.get();
        fromFile.setVisible(d == null);
        fromFile.setManaged(d == null);
        fromFile.setText(words.get("train.arch.fromFile"));
        lockWhileLive();
        if (d == null) {
            return;
        }
        showing = true;
        try {
            Fields.set(input, d.inputSize());
            Fields.set(dropout, d.dropout());
            same.setSelected(d.samePadding());
            norm.setSelected(d.batchNorm());
            stages.getChildren().clear();
            for (int i = 0; i < d.stages().size(); i++) {
                stages.getChildren()
                        .add(stageRow(i, d.stages().get(i), d.stages().size() > 1));
            }
            dense.getChildren().clear();
            for (int i = 0; i < d.denseUnits().size(); i++) {
                dense.getChildren().add(denseRow(i, d.denseUnits().get(i)));
            }
            addStage.setDisable(d.stages().size() >= DesignDraft.MAX_STAGES);
            addDense.setDisable(d.denseUnits().size() >= DesignDraft.MAX_DENSE);
        } finally {
            showing = false;
        }
    }

    private HBox stageRow(int index, DesignDraft.Stage s, boolean removable) {
        Label name = new Label(words.format("train.arch.stage", index + 1));
        Spinner<Integer> convs = Fields.whole(
                1,
                3,
                s.convolutions(),
                1,
                v -> edit(d -> d.withStage(
                        index,
                        new DesignDraft.Stage(
                                v,
                                d.stages().get(index).filters(),
                                d.stages().get(index).kernel(),
                                d.stages().get(index).pool()))));
        convs.setPrefWidth(64);
        Spinner<Integer> filters = Fields.whole(
                1,
                256,
                s.filters(),
                1,
                v -> edit(d -> d.withStage(
                        index,
                        new DesignDraft.Stage(
                                d.stages().get(index).convolutions(),
                                v,
                                d.stages().get(index).kernel(),
                                d.stages().get(index).pool()))));
        filters.setPrefWidth(76);
        filters.setId("train-arch-filters-" + (index + 1));
        ComboBox<Integer> kernel = new ComboBox<>(FXCollections.observableArrayList(KERNELS));
        kernel.setValue(s.kernel());
        kernel.setOnAction(e -> edit(d -> d.withStage(
                index,
                new DesignDraft.Stage(
                        d.stages().get(index).convolutions(),
                        d.stages().get(index).filters(),
                        kernel.getValue(),
                        d.stages().get(index).pool()))));
        CheckBox pool = new CheckBox(words.get("train.arch.pool"));
        pool.setSelected(s.pool());
        pool.setOnAction(e -> edit(d -> d.withStage(
                index,
                new DesignDraft.Stage(
                        d.stages().get(index).convolutions(),
                        d.stages().get(index).filters(),
                        d.stages().get(index).kernel(),
                        pool.isSelected()))));
        Button remove = new Button("×");
        words.tip(remove, "train.arch.remove");
        remove.setDisable(!removable);
        remove.setOnAction(
                e -> change(state.draft.get().withStages(minus(state.draft.get().stages(), index))));
        FlowPane row = new FlowPane(
                6,
                4,
                name,
                convs,
                new Label(words.get("train.arch.convs")),
                filters,
                new Label(words.get("train.arch.filters")),
                kernel,
                new Label(words.get("train.arch.kernel")),
                pool,
                remove);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox box = new HBox(row);
        HBox.setHgrow(row, Priority.ALWAYS);
        return box;
    }

    private HBox denseRow(int index, int units) {
        Spinner<Integer> u = Fields.whole(1, 4096, units, 16, v -> {
            List<Integer> l = new ArrayList<>(state.draft.get().denseUnits());
            l.set(index, v);
            edit(d -> d.withDenseUnits(l));
        });
        Button remove = new Button("×");
        words.tip(remove, "train.arch.remove");
        remove.setOnAction(e ->
                change(state.draft.get().withDenseUnits(minus(state.draft.get().denseUnits(), index))));
        return row(
                new Label(words.format("train.arch.dense", index + 1)),
                u,
                new Label(words.get("train.arch.units")),
                remove);
    }

    private static HBox row(Node... nodes) {
        HBox h = new HBox(6, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** The live figures for the design with the data set's classes (10, Tiny ImageNet's, before one is chosen). */
    private void showFigures() {
        TrainState.DataCheck data = state.data.get();
        int classes = data == null || data.dataset() == null
                ? 10
                : data.dataset().classes().size();
        ArchitectureDesign design = state.settings.get().design().withClasses(classes);
        DesignSummary s = DesignSummary.of(design);
        if (!s.works()) {
            figures.setText("");
            problem.setText(sentence(s));
            table.getItems().clear();
            return;
        }
        problem.setText("");
        int batch = state.settings.get().batchSize();
        figures.setText(words.format(
                "train.arch.figures",
                s.parameters(),
                s.multiplyAdds() / 1e6,
                s.activationBytes() / 1e6,
                s.trainingStepBytes(batch) / 1e6,
                batch,
                classes));
        table.getItems().setAll(s.rows());
    }

    /**
     * Why a design does not work, in the student's language: for maps shrunk away, in the simple form's terms; else
     * the design's own sentence (English only for a description file's syntax).
     */
    String sentence(DesignSummary s) {
        if (s.shrunkBlock() > 0) {
            Block b = s.shrunkSource();
            String what = b instanceof Block.Conv c
                    ? words.format("train.arch.shrunk.conv", c.kernel())
                    : words.format("train.arch.shrunk.pool", ((Block.Pool) b).size());
            return words.format("train.arch.shrunk", s.shrunkBlock(), what, s.mapsLeft());
        }
        return words.format("train.arch.problem", FailureReason.of(words.text(), s.failure()));
    }

    private void columns() {
        TableColumn<DesignSummary.Row, String> name = new TableColumn<>();
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        TableColumn<DesignSummary.Row, String> size = new TableColumn<>();
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(shape(c.getValue())));
        TableColumn<DesignSummary.Row, String> params = new TableColumn<>();
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                String.format(Locale.ROOT, "%,d", c.getValue().parameters())));
        TableColumn<DesignSummary.Row, String> macs = new TableColumn<>();
        macs.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                String.format(Locale.ROOT, "%,d", c.getValue().multiplyAdds())));
        words.on(() -> {
            name.setText(words.get("train.arch.col.layer"));
            size.setText(words.get("train.arch.col.output"));
            params.setText(words.get("train.arch.col.parameters"));
            macs.setText(words.get("train.arch.col.macs"));
        });
        table.getColumns().setAll(List.of(name, size, params, macs));
    }

    private static String shape(DesignSummary.Row r) {
        return r.output().isVector()
                ? Integer.toString(r.output().channels())
                : r.output().height() + " × " + r.output().width() + " × "
                        + r.output().channels();
    }
}
