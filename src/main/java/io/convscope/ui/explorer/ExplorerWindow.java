package io.convscope.ui.explorer;

import io.convscope.engine.LoadedModel;
import io.convscope.explain.dataset.DatasetReport;
import io.convscope.ui.common.Palette;
import io.convscope.ui.explorer.ExplorerRun.Explored;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The data-set explorer's window: choose a labelled folder, and the model the main window shows is scored on it in
 * the background; then the accuracy, the per-class table, the confusion matrix with the gallery of a clicked cell,
 * and a second tab of the top losses. An image clicked in a gallery opens in the main window.
 */
public final class ExplorerWindow {

    static final double WIDTH = 1440;
    static final double HEIGHT = 900;
    /** How many of the highest losses the second tab shows, as {@code evaluate --top}'s default does. */
    static final int TOP_LOSSES = ImageGallery.MAX_TILES;

    private final ResourceBundle text;
    private final Stage stage = new Stage();
    private final Thumbnails thumbnails = new Thumbnails();
    private final ExplorerControls controls;
    private final Label accuracy = new Label();
    private final MetricsTable table;
    private final ConfusionGrid grid = new ConfusionGrid(this::showCell);
    private final ImageGallery cellGallery;
    private final ImageGallery lossGallery;
    private final ModelComparison comparison;
    private Explored explored;

    private ExplorerWindow(Window owner, ResourceBundle text, LoadedModel model, Path modelFile, ImageActions open) {
        this.text = text;
        grid.dark(String.valueOf(Application.getUserAgentStylesheet())
                .toLowerCase(Locale.ROOT)
                .contains("dark"));
        this.controls = new ExplorerControls(text, model, modelFile, this::chooseFolder, this::shown);
        this.table = new MetricsTable(text);
        this.cellGallery = new ImageGallery(text, thumbnails, open);
        this.lossGallery = new ImageGallery(text, thumbnails, open);
        this.comparison = new ModelComparison(text, thumbnails, open, () -> explored);
        table.setId("explorer-metrics");
        grid.setId("explorer-confusion");
        cellGallery.setId("explorer-cell-gallery");
        lossGallery.setId("explorer-loss-gallery");
        accuracy.setId("explorer-accuracy");
        accuracy.getStyleClass().add("title-3");
        accuracy.setText(text.getString("explorer.choose.hint"));

        SplitPane classes = new SplitPane(table, grid, cellGallery);
        classes.setOrientation(Orientation.HORIZONTAL);
        classes.setDividerPositions(0.29, 0.71);
        Tab byClass = new Tab(text.getString("explorer.tab.classes"), classes);
        Tab losses = new Tab(text.getString("explorer.tab.losses"), lossGallery);
        Tab compare = new Tab(text.getString("explorer.tab.compare"), comparison);
        TabPane tabs = new TabPane(byClass, losses, compare);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        VBox top = new VBox(6, controls, accuracy);
        VBox.setMargin(accuracy, new Insets(0, 12, 4, 12));
        BorderPane root = new BorderPane(tabs);
        root.setTop(top);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Palette.class.getResource(Palette.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> {
            controls.shutdown();
            thumbnails.shutdown();
            comparison.shutdown();
        });
        stage.setTitle(String.format(
                text.getString("explorer.title"), model.description().name()));
    }

    /**
     * Opens the explorer on {@code model}.
     *
     * @param modelFile the model's zip when it came from one (a split recorded beside it is honoured), else null
     * @param open      shows an image in the main window's overview, or with its attribution map
     */
    public static ExplorerWindow show(
            Window owner, ResourceBundle text, LoadedModel model, Path modelFile, ImageActions open) {
        ExplorerWindow w = new ExplorerWindow(owner, text, model, modelFile, open);
        w.stage.show();
        return w;
    }

    /**
     * Follows the main window's theme while open: the confusion matrix is drawn in the new colours at once (the
     * controls and the galleries follow the application's stylesheet by themselves).
     */
    public ExplorerWindow followTheme(ObservableValue<Boolean> dark) {
        ChangeListener<Boolean> follow = (o, was, on) -> grid.dark(on);
        dark.addListener(follow);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> dark.removeListener(follow));
        grid.dark(dark.getValue());
        return this;
    }

    /** The confusion matrix draws in the dark theme's colours, for tests. */
    public boolean drawsDark() {
        return grid.isDark();
    }

    /** Scores the model on {@code folder} (a chosen folder, or a test's). */
    public void explore(Path folder) {
        controls.run(folder);
    }

    public Stage stage() {
        return stage;
    }

    /** What is shown; null before the first folder has been scored. */
    public DatasetReport report() {
        return explored == null ? null : explored.report();
    }

    public boolean isRunning() {
        return controls.isRunning();
    }

    /** Compares the shown model with the one in {@code modelFile} on the scored folder (a chosen file, or a test's). */
    public void compareWith(Path modelFile) {
        if (explored != null) {
            comparison.compare(explored, modelFile);
        }
    }

    public boolean isComparing() {
        return comparison.isRunning();
    }

    /** Where a confusion cell is on the screen, scrolled into view. */
    public Point2D cellCentreOnScreen(int truth, int predicted) {
        return grid.cellCentreOnScreen(truth, predicted);
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(text.getString("explorer.choose"));
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            explore(dir.toPath());
        }
    }

    private void shown(Explored e) {
        explored = e;
        DatasetReport r = e.report();
        String figure =
                String.format(text.getString("explorer.accuracy"), percent(r.accuracy()), r.correct(), r.total());
        accuracy.setText(e.split() ? figure + "  " + text.getString("explorer.split") : figure);
        table.show(r);
        grid.show(r);
        cellGallery.prompt(text.getString("explorer.gallery.pick"));
        lossGallery.show(
                text.getString("explorer.gallery.losses"), r.topLosses(TOP_LOSSES), r.classes(), e.root(), true);
    }

    /** How the accuracy reads: a percentage with one decimal, as {@code evaluate} prints it. */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f", 100 * ratio);
    }

    private void showCell(int truth, int predicted) {
        DatasetReport r = explored.report();
        String heading = String.format(
                text.getString("explorer.gallery.cell"),
                r.classes().get(truth),
                r.classes().get(predicted));
        cellGallery.show(heading, r.cell(truth, predicted), r.classes(), explored.root(), false);
    }
}
