package io.convscope.ui.train;

import io.convscope.explain.article.Article;
import io.convscope.explain.training.KernelImages;
import io.convscope.network.LayerWeights;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.InfoButton;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The first layer's kernels as small colour images, one square per weight (never blurred), each stretched from its
 * own smallest to its largest weight. Call {@link #show} with the current weights (FX thread) as often as the
 * workspace likes: the images are redrawn in place, so random noise visibly turns into edge and colour detectors.
 */
public final class FirstLayerKernels extends VBox {

    /** Side of one kernel on screen: a 3 x 3 kernel gets 16-pixel squares. */
    static final double SIDE = 48;

    private final Workspace workspace;
    private final Label title = new Label();
    private final InfoButton info = new InfoButton("train-kernels-info", "", Article.TRAINING);
    private final FlowPane tiles = new FlowPane(6, 6);
    private final List<HeatmapView> images = new ArrayList<>();
    private final List<Label> captions = new ArrayList<>();
    private String layerName = "";
    /** Whether {@link #show} drew kernels yet; before, the tiles {@link #prepare} made wait hidden. */
    private boolean shown;

    public FirstLayerKernels(Workspace workspace) {
        this.workspace = workspace;
        setId("train-kernels");
        setSpacing(6);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, info);
        header.setAlignment(Pos.CENTER_LEFT);
        title.getStyleClass().add("title-4");
        tiles.setId("train-kernels-tiles");
        tiles.setPrefWrapLength(10 * (SIDE + 6));
        getChildren().setAll(header, tiles);
        relabel();
        workspace.languageProperty().addListener(o -> relabel());
    }

    /** Draws the kernels of {@code weights}, the first convolution's current weights, called {@code layer}. */
    public void show(String layer, LayerWeights weights) {
        KernelImages kernels = new KernelImages(weights);
        if (images.size() != kernels.count()) {
            makeTiles(kernels.count());
        }
        for (int f = 0; f < kernels.count(); f++) {
            images.get(f).showPixels(kernels.argb(f), kernels.width(), kernels.height());
            images.get(f).size(SIDE);
        }
        if (!shown) {
            shown = true;
            tiles.setVisible(true);
        }
        if (!layer.equals(layerName)) {
            layerName = layer;
            relabel();
        }
    }

    /**
     * Makes {@code count} tiles ahead of the first {@link #show} (the design's first convolution has that many
     * filters), hidden until then: a run's first look then only draws into them instead of adding nodes to the
     * window on the pulses right after Start. Once kernels were shown, it does nothing.
     */
    public void prepare(int count) {
        if (!shown && images.size() != count) {
            makeTiles(count);
            for (HeatmapView image : images) {
                // A clear square of the kernels' size: the first kernels then repaint it without a new layout.
                image.showPixels(new int[] {0}, 1, 1);
                image.size(SIDE);
            }
            tiles.setVisible(false);
        }
    }

    private void makeTiles(int count) {
        images.clear();
        captions.clear();
        tiles.getChildren().clear();
        for (int f = 0; f < count; f++) {
            HeatmapView view = new HeatmapView();
            view.setId("train-kernel-" + f);
            Label caption = new Label(Integer.toString(f), view);
            caption.setContentDisplay(ContentDisplay.TOP);
            caption.getStyleClass().add("text-small");
            caption.setTooltip(new Tooltip());
            images.add(view);
            captions.add(caption);
            tiles.getChildren().add(caption);
        }
        relabel();
    }

    /** The kernel images (for tests). */
    List<HeatmapView> images() {
        return images;
    }

    private void relabel() {
        ResourceBundle text = workspace.text();
        setStyle(workspace.language().rootStyle());
        title.setText(MessageFormat.format(text.getString("trainKernels.title"), layerName));
        info.setExplanation(text.getString("trainKernels.info"));
        for (int f = 0; f < captions.size(); f++) {
            captions.get(f).getTooltip().setText(MessageFormat.format(text.getString("trainKernels.kernel"), f));
        }
    }
}
