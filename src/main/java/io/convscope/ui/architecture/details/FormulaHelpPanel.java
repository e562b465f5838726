package io.convscope.ui.architecture.details;

import atlantafx.base.theme.Styles;
import io.convscope.explain.graph.CostFormulas;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.util.ResourceBundle;

/**
 * "How is this counted?": the formulas behind the table (docs/cost-formulas.md), one row per layer type, then memory
 * and peak. All text comes from the resource bundle so it is translated with the rest.
 */
public final class FormulaHelpPanel extends BorderPane {

    static final double WIDTH = 560;

    public FormulaHelpPanel(ResourceBundle text, Runnable close) {
        getStyleClass().addAll("formula-panel", "architecture-help");
        setId("architecture-help");
        setMaxWidth(WIDTH);
        setPrefWidth(WIDTH);
        setMaxHeight(Region.USE_PREF_SIZE);
        Label title = new Label(text.getString("architecture.help.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button closeButton = new Button(null, new FontIcon(Material2AL.CLOSE));
        closeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        closeButton.setTooltip(new Tooltip(text.getString("architecture.help.close")));
        closeButton.setOnAction(e -> close.run());
        HBox header = new HBox(8, title, spacer, closeButton);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 10, 6, 14));
        setTop(header);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(5);
        grid.getColumnConstraints().addAll(column(150), column(150), column(130), column(130));
        String[] headers = {"layer", "params", "macs", "other"};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(text.getString("architecture.help.column." + headers[c]));
            h.getStyleClass().add("architecture-help-header");
            grid.add(h, c, 0);
        }
        int r = 1;
        for (String row : CostFormulas.ROWS) {
            String[] parts = {"name", "params", "macs", "other"};
            for (int c = 0; c < parts.length; c++) {
                Label cell = new Label(text.getString("architecture.help." + row + "." + parts[c]));
                cell.setWrapText(true);
                cell.getStyleClass().add(c == 0 ? "architecture-help-type" : "architecture-help-formula");
                grid.add(cell, c, r);
            }
            r++;
        }
        VBox body = new VBox(
                10,
                paragraph(text, "architecture.help.intro"),
                grid,
                paragraph(text, "architecture.help.fused"),
                paragraph(text, "architecture.help.memory"),
                paragraph(text, "architecture.help.peak"),
                paragraph(text, "architecture.help.paramMemory"));
        body.setPadding(new Insets(4, 14, 14, 14));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(520);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
    }

    private static ColumnConstraints column(double width) {
        ColumnConstraints c = new ColumnConstraints();
        c.setPrefWidth(width);
        c.setHgrow(Priority.SOMETIMES);
        return c;
    }

    private static Label paragraph(ResourceBundle text, String key) {
        Label l = new Label(text.getString(key));
        l.setWrapText(true);
        l.getStyleClass().add("architecture-help-text");
        return l;
    }
}
