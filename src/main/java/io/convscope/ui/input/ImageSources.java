package io.convscope.ui.input;

import io.convscope.ui.workspace.AppSettings;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where images (and model files) come from: the file chooser, the clipboard, a drop on the window and the recent
 * images menu. Each hands what it got to the window, which runs it through the model.
 */
public final class ImageSources {

    /** What the sources hand their images, files and messages to. */
    public interface Target {
        void showFile(Path file);

        void showPasted(BufferedImage image);

        void loadModel(Path file);

        void setNotice(String message);
    }

    private final Supplier<ResourceBundle> text;
    private final AppSettings settings;
    private final Target target;
    private final Supplier<Window> owner;

    /** {@code text} gives the UI strings in the language spoken now. */
    public ImageSources(Supplier<ResourceBundle> text, AppSettings settings, Target target, Supplier<Window> owner) {
        this.text = text;
        this.settings = settings;
        this.target = target;
        this.owner = owner;
    }

    public void chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get().getString("action.open"));
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(
                        text.get().getString("filter.images"),
                        "*.jpg",
                        "*.jpeg",
                        "*.png",
                        "*.gif",
                        "*.bmp",
                        "*.tif",
                        "*.tiff",
                        "*.webp",
                        "*.JPG",
                        "*.JPEG",
                        "*.PNG",
                        "*.GIF",
                        "*.BMP",
                        "*.TIF",
                        "*.TIFF",
                        "*.WEBP"));
        File f = chooser.showOpenDialog(owner.get());
        if (f != null) {
            target.showFile(f.toPath());
        }
    }

    public void chooseModel() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get().getString("action.openModel"));
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter(
                        text.get().getString("filter.models"), "*.zip", "*.json", "*.h5", "*.hdf5"));
        File f = chooser.showOpenDialog(owner.get());
        if (f != null) {
            target.loadModel(f.toPath());
        }
    }

    public void pasteImage() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles() && !cb.getFiles().isEmpty()) {
            target.showFile(cb.getFiles().get(0).toPath());
        } else if (cb.hasImage()) {
            target.showPasted(SwingFXUtils.fromFXImage(cb.getImage(), null));
        } else {
            target.setNotice(text.get().getString("error.clipboardEmpty"));
        }
    }

    /** The "Recent" menu, filled with the remembered images each time it opens. */
    public MenuButton recentMenu() {
        MenuButton recent = new MenuButton();
        recent.setText(text.get().getString("action.recent"));
        recent.setGraphic(new FontIcon(Material2AL.HISTORY));
        recent.setTooltip(new Tooltip(text.get().getString("action.recent.tooltip")));
        recent.setOnShowing(e -> fillRecent(recent));
        return recent;
    }

    private void fillRecent(MenuButton recent) {
        List<Path> files = settings.recentImages();
        recent.getItems().clear();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem(text.get().getString("action.recent.none"));
            none.setDisable(true);
            recent.getItems().add(none);
        }
        for (Path p : files) {
            MenuItem item = new MenuItem(p.getFileName().toString());
            item.setOnAction(e -> target.showFile(p));
            recent.getItems().add(item);
        }
    }

    /** A file or an image dropped anywhere on {@code area} is shown as if opened or pasted. */
    public void acceptDrops(Node area) {
        area.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        area.setOnDragDropped(e -> {
            var db = e.getDragboard();
            boolean ok = true;
            if (db.hasFiles() && !db.getFiles().isEmpty()) {
                target.showFile(db.getFiles().get(0).toPath());
            } else if (db.hasImage()) {
                target.showPasted(SwingFXUtils.fromFXImage(db.getImage(), null));
            } else {
                ok = false;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
