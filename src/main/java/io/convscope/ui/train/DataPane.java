package io.convscope.ui.train;

import io.convscope.engine.dataset.ImageFolderDataset;
import io.convscope.ui.explorer.Thumbnails;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Data tab: the built-in Tiny ImageNet subset (when on this computer) or any folder of class folders, chosen here
 * or dropped on the view; a summary of classes, images, the train/validation split and unreadable files; and each
 * class with its counts and a few thumbnails (decoded only when the row is on screen, kept in a cache bounded by bytes).
 */
final class DataPane extends VBox {

    /** Thumbnails shown per class. */
    static final int PER_CLASS = 4;

    /** One class: its name, images to train on and to validate with, and the first few training images. */
    record ClassRow(String name, int train, int validation, List<Path> examples) {}

    private final TrainState state;
    private final Words words;
    private final Thumbnails thumbnails = new Thumbnails();
    private final Label folder = new Label();
    private final Label summary = new Label();
    private final Label split = new Label();
    private final Label unreadable = new Label();
    private final ListView<ClassRow> classes = new ListView<>();
    private final Button builtIn = new Button();
    private final Button choose = new Button();

    DataPane(TrainState state, Words words, Supplier<Window> owner) {
        super(8);
        this.state = state;
        this.words = words;
        setPadding(new Insets(10));
        Path tiny = BuiltInData.find();
        words.label(builtIn, "train.data.builtIn");
        words.tip(builtIn, tiny == null ? "train.data.builtIn.missing" : "train.data.builtIn.tooltip");
        builtIn.setId("train-data-builtin");
        builtIn.setDisable(tiny == null);
        builtIn.setOnAction(e -> state.chooseData(tiny));
        words.label(choose, "train.data.choose");
        words.tip(choose, "train.data.choose.tooltip");
        choose.setId("train-data-choose");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(words.get("train.data.choose"));
            File f = chooser.showDialog(owner.get());
            if (f != null) {
                state.chooseData(f.toPath());
            }
        });
        FlowPane buttons = new FlowPane(8, 6, builtIn, choose);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = words.label(new Label(), "train.data.hint");
        hint.setWrapText(true);
        for (Label l : List.of(folder, summary, split, unreadable)) {
            l.setWrapText(true);
        }
        folder.setId("train-data-folder");
        summary.setId("train-data-summary");
        unreadable.setId("train-data-unreadable");
        classes.setId("train-data-classes");
        classes.setCellFactory(v -> new ClassCell());
        classes.setPrefHeight(380);
        getChildren().addAll(buttons, hint, folder, summary, split, unreadable, classes);
        state.data.addListener((o, was, now) -> show(now));
        words.on(() -> show(state.data.get()));
        state.phase.addListener((o, was, now) -> lockWhileLive());
        state.session.addListener((o, was, now) -> lockWhileLive());
    }

    private void lockWhileLive() {
        choose.setDisable(state.live());
        builtIn.setDisable(state.live() || BuiltInData.find() == null);
    }

    private void show(TrainState.DataCheck check) {
        if (check == null) {
            folder.setText(words.get("train.data.none"));
            summary.setText("");
            split.setText("");
            unreadable.setText("");
            classes.getItems().clear();
            return;
        }
        folder.setText(words.format("train.data.folder", check.folder()));
        ImageFolderDataset d = check.dataset();
        if (d == null) {
            summary.setText(words.get("train.data.listing"));
            return;
        }
        summary.setText(words.format(
                "train.data.summary",
                d.classes().size(),
                d.train().size(),
                d.validation().size()));
        split.setText(
                d.split() == null
                        ? words.get("train.data.split.trainVal")
                        : words.format(
                                "train.data.split.held",
                                Math.round(d.split().validationFraction() * 100),
                                d.split().seed()));
        if (check.checking()) {
            unreadable.setText(words.get("train.data.decoding"));
        } else if (check.checked().skipped() == 0) {
            unreadable.setText(words.get("train.data.unreadable.none"));
        } else {
            unreadable.setText(
                    words.format("train.data.unreadable", check.checked().skipped())
                            + (check.notes().size() > 1 ? "\n" + check.notes().get(1) : ""));
        }
        List<ClassRow> rows = rows(d);
        if (!rows.equals(classes.getItems())) {
            thumbnails.newGallery();
            classes.setItems(FXCollections.observableArrayList(rows));
        } else {
            classes.refresh(); // the counts' words in the current language
        }
    }

    static List<ClassRow> rows(ImageFolderDataset d) {
        int n = d.classes().size();
        int[] train = new int[n];
        int[] val = new int[n];
        List<List<Path>> examples = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            examples.add(new ArrayList<>());
        }
        for (ImageFolderDataset.Sample s : d.train()) {
            train[s.label()]++;
            if (examples.get(s.label()).size() < PER_CLASS) {
                examples.get(s.label()).add(s.file());
            }
        }
        for (ImageFolderDataset.Sample s : d.validation()) {
            val[s.label()]++;
        }
        List<ClassRow> rows = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            rows.add(new ClassRow(d.classes().get(c), train[c], val[c], List.copyOf(examples.get(c))));
        }
        return rows;
    }

    /** A class row: its name and counts over its thumbnails, which are asked for only while the row is shown. */
    private final class ClassCell extends ListCell<ClassRow> {
        private final Label name = new Label();
        private final Label counts = new Label();
        private final HBox images = new HBox(4);
        private final VBox box = new VBox(2, name, counts, images);

        ClassCell() {
            name.getStyleClass().add("text-bold");
            counts.getStyleClass().add("text-muted");
            for (int i = 0; i < PER_CLASS; i++) {
                ImageView v = new ImageView();
                v.setFitWidth(48);
                v.setFitHeight(48);
                v.setPreserveRatio(true);
                images.getChildren().add(v);
            }
        }

        @Override
        protected void updateItem(ClassRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.name());
            counts.setText(words.format("train.data.classCounts", row.train(), row.validation()));
            for (int i = 0; i < PER_CLASS; i++) {
                ImageView v = (ImageView) images.getChildren().get(i);
                v.setImage(null);
                if (i < row.examples().size()) {
                    thumbnails.request(row.examples().get(i), image -> {
                        if (getItem() == row) {
                            v.setImage(image);
                        }
                    });
                }
            }
            setGraphic(box);
        }
    }
}
