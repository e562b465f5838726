package io.convscope.ui.train;

import io.convscope.explain.article.Article;
import io.convscope.explain.training.ConfusionAtEpoch;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.explorer.ConfusionGrid;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;

/**
 * The validation split's confusion matrix after one epoch, drawn by the data-set explorer's {@link ConfusionGrid}
 * (rows true classes, columns predictions, coloured by the share of the row), with the epoch and its accuracy.
 */
public final class EpochConfusion extends VBox {

    private final Workspace workspace;
    private final Label title = new Label();
    private final Label empty = new Label();
    private final InfoButton info = new InfoButton("train-confusion-info", "", Article.TRAINING);
    private final ConfusionGrid grid;
    private ConfusionAtEpoch shown;

    /** @param clicked receives the true and predicted class of a clicked cell */
    public EpochConfusion(Workspace workspace, BiConsumer<Integer, Integer> clicked) {
        this.workspace = workspace;
        this.grid = new ConfusionGrid(clicked);
        setId("train-confusion");
        setSpacing(6);
        title.getStyleClass().add("title-4");
        title.setId("train-confusion-title");
        // The title wraps rather than being cut to "…" beside the cell's images at 1024 px (it holds the accuracy).
        title.setWrapText(true);
        title.setMinWidth(0);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox header = new HBox(8, title, info);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(grid, Priority.ALWAYS);
        empty.setWrapText(true);
        // The grid is in the window from the start, hidden: the first epoch's end only draws into it.
        for (Region r : List.of(empty, grid)) {
            r.managedProperty().bind(r.visibleProperty());
        }
        grid.setVisible(false);
        getChildren().setAll(header, empty, grid);
        relabel();
        workspace.languageProperty().addListener(o -> relabel());
        grid.dark(workspace.darkProperty().get());
        workspace.darkProperty().addListener((o, was, on) -> grid.dark(on));
    }

    /** Shows an epoch's matrix (FX thread). */
    public void show(ConfusionAtEpoch confusion) {
        shown = confusion;
        empty.setVisible(false);
        grid.setVisible(true);
        grid.show(confusion.report());
        relabel();
    }

    /** The epoch on show, or null. */
    public ConfusionAtEpoch shown() {
        return shown;
    }

    /** Where a cell is on the screen, scrolled into view (tests and keyboard users). */
    public Point2D cellCentreOnScreen(int truth, int predicted) {
        return grid.cellCentreOnScreen(truth, predicted);
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        info.setExplanation(text.getString("trainConfusion.info"));
        empty.setText(text.getString("trainConfusion.empty"));
        title.setText(
                shown == null
                        ? text.getString("trainConfusion.none")
                        : MessageFormat.format(
                                text.getString("trainConfusion.title"),
                                shown.epoch(),
                                shown.correct(),
                                shown.total(),
                                String.format(workspace.language().locale(), "%.1f", 100 * shown.accuracy())));
    }
}
