package io.convscope.ui.explorer;

import io.convscope.network.ImageOutcome;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A titled, scrolling grid of image tiles, each with its true and predicted class and their probabilities; clicking
 * a tile hands its file on. At most {@link #MAX_TILES} tiles are made (the title says how many there are in all), so
 * a cell of thousands of images stays light. Public for the Train workspace's gallery of an epoch's confusion cell.
 */
public final class ImageGallery extends VBox {

    static final int MAX_TILES = 200;
    static final String TILE_CLASS = "explorer-tile";
    /** Wide enough for "p 0.74 · true 0.012" and a class name on two lines. */
    static final double TILE_WIDTH = 150;

    private final ResourceBundle text;
    private final Thumbnails thumbnails;
    private final ImageActions open;
    private final Label title = new Label();
    private final TilePane tiles = new TilePane(8, 8);
    private List<String> classes = List.of();
    private List<ImageOutcome> shown = List.of();
    private Path root;

    public ImageGallery(ResourceBundle text, Thumbnails thumbnails, ImageActions open) {
        super(8);
        this.text = text;
        this.thumbnails = thumbnails;
        this.open = open;
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE); // a short pane scrolls its tiles, never cuts the heading to "…"
        title.getStyleClass().add("explorer-gallery-title");
        tiles.setPadding(new Insets(4));
        tiles.setPrefTileWidth(TILE_WIDTH);
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        setPadding(new Insets(8));
    }

    /** No images yet: only a sentence saying how to get some. */
    public void prompt(String sentence) {
        thumbnails.newGallery();
        shown = List.of();
        title.setText(sentence);
        tiles.getChildren().clear();
    }

    /** Shows {@code images} (already in the order wanted) of a report whose paths are relative to {@code root}. */
    public void show(String heading, List<ImageOutcome> images, List<String> classes, Path root, boolean withLoss) {
        this.classes = classes;
        this.root = root;
        thumbnails.newGallery();
        shown = List.copyOf(images.subList(0, Math.min(images.size(), MAX_TILES)));
        title.setText(
                images.size() <= MAX_TILES
                        ? String.format(text.getString("explorer.gallery.count"), heading, images.size())
                        : String.format(
                                text.getString("explorer.gallery.first"), heading, shown.size(), images.size()));
        tiles.getChildren().clear();
        for (ImageOutcome o : shown) {
            tiles.getChildren().add(tile(o, withLoss));
        }
    }

    /** The images with a tile, in their order (none after {@link #prompt}). */
    public List<ImageOutcome> shown() {
        return shown;
    }

    /** The heading over the tiles. */
    public String title() {
        return title.getText();
    }

    public int tileCount() {
        return tiles.getChildren().size();
    }

    /** Three decimals, or three significant digits below 0.001, so a near-zero probability never reads 0.000. */
    static String probability(float p) {
        return p != 0 && p < 0.001f ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    private VBox tile(ImageOutcome o, boolean withLoss) {
        Path file = root.resolve(o.path());
        ImageView view = new ImageView();
        // a 64 x 64 image is enlarged to the tile square with crisp pixels, never blurred
        view.setFitWidth(Thumbnails.SIZE);
        view.setFitHeight(Thumbnails.SIZE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        StackPane frame = new StackPane(view);
        frame.setMinSize(Thumbnails.SIZE, Thumbnails.SIZE);
        frame.setPrefSize(Thumbnails.SIZE, Thumbnails.SIZE);
        thumbnails.request(file, view::setImage);
        Label classesLine = new Label(
                o.correct()
                        ? classes.get(o.truth())
                        : String.format(
                                text.getString("explorer.tile.classes"),
                                classes.get(o.truth()),
                                classes.get(o.predicted())));
        Label probabilities = new Label(
                withLoss
                        ? String.format(
                                Locale.ROOT, text.getString("explorer.tile.loss"), probability(o.pTruth()), o.loss())
                        : String.format(
                                Locale.ROOT,
                                text.getString("explorer.tile.probabilities"),
                                o.pPredicted(),
                                o.pTruth()));
        for (Label l : List.of(classesLine, probabilities)) {
            l.setWrapText(true);
            l.setMaxWidth(TILE_WIDTH);
            l.setAlignment(Pos.CENTER);
            l.setTextAlignment(TextAlignment.CENTER);
        }
        probabilities.getStyleClass().add("explorer-tile-numbers");
        Hyperlink why = new Hyperlink(text.getString("explorer.tile.why"));
        why.getStyleClass().add("explorer-tile-why");
        why.setTooltip(new Tooltip(text.getString("explorer.tile.why.tooltip")));
        why.setOnAction(e -> open.why().accept(file));
        why.addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume); // not also the tile's click
        VBox tile = new VBox(2, frame, classesLine, probabilities, why);
        tile.setAlignment(Pos.TOP_CENTER);
        tile.getStyleClass().add(TILE_CLASS);
        tile.setUserData(file);
        Tooltip.install(tile, new Tooltip(o.path()));
        tile.setOnMouseClicked(e -> open.overview().accept(file));
        return tile;
    }
}
