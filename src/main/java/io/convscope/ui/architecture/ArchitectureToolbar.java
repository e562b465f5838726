package io.convscope.ui.architecture;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.ResourceBundle;
import java.util.function.Consumer;

/** The architecture window's toolbar: source and Open, search, fit and blocks, export and the formulas' help. */
final class ArchitectureToolbar {

    /** What the toolbar's buttons do. */
    record Actions(
            Runnable open,
            Runnable fit,
            Runnable collapseAll,
            Runnable expandAll,
            Consumer<ArchitectureExporter.Format> export,
            Runnable toggleHelp) {}

    private ArchitectureToolbar() {}

    static ToolBar of(ResourceBundle text, ArchitectureSourceChooser sources, ArchitectureSearch search, Actions a) {
        Label sourceLabel = new Label(text.getString("architecture.source.label"));
        Button open = button(text, "architecture.open", "architecture-open", Material2AL.FOLDER_OPEN, a.open());
        Button fit = button(text, "architecture.fit", "architecture-fit", Material2AL.FULLSCREEN, a.fit());
        Button collapseAll = button(
                text,
                "architecture.collapseAll",
                "architecture-collapse-all",
                Material2MZ.UNFOLD_LESS,
                a.collapseAll());
        Button expandAll = button(
                text, "architecture.expandAll", "architecture-expand-all", Material2MZ.UNFOLD_MORE, a.expandAll());

        MenuButton export = new MenuButton(text.getString("architecture.export"), new FontIcon(Material2MZ.SAVE_ALT));
        export.setId("architecture-export");
        export.setTooltip(new Tooltip(text.getString("architecture.export.tooltip")));
        for (ArchitectureExporter.Format f : ArchitectureExporter.Format.values()) {
            MenuItem item = new MenuItem(text.getString("architecture.export." + f.extension));
            item.setOnAction(e -> a.export().accept(f));
            export.getItems().add(item);
        }
        Button helpButton =
                button(text, "architecture.help", "architecture-help-button", Material2AL.HELP_OUTLINE, a.toggleHelp());
        ToolBar bar = new ToolBar(sourceLabel, sources, open, new Separator());
        bar.getItems().addAll(search.items());
        bar.getItems().addAll(new Separator(), fit, collapseAll, expandAll, new Separator(), export, helpButton);
        bar.getStyleClass().add("tool-bar");
        return bar;
    }

    /** A button labelled by {@code key}, its tooltip from {@code key.tooltip}. */
    private static Button button(ResourceBundle text, String key, String id, Ikon icon, Runnable action) {
        Button b = new Button(text.getString(key), new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(text.getString(key + ".tooltip")));
        b.setOnAction(e -> action.run());
        return b;
    }
}
