package io.convscope.ui.learn.figures;

import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.common.Palette;
import javafx.scene.Node;
import javafx.scene.control.Label;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The article's figures by name, drawn from the loaded model and the current image so they teach with the student's
 * own numbers: colour scales and input channels ({@link InputFigures}), the first layer's kernels
 * ({@link KernelFigure}), a ReLU plot over this image's values ({@link ReluFigure}), the softmax of this image's
 * logits ({@link SoftmaxTableFigure}), a max-pooling patch and the flatten order ({@link PoolingFlattenFigures}), and
 * a Grad-CAM worked on two tiny maps ({@link GradCamExampleFigure}).
 */
public final class ArticleFigures {

    private final FigureContext context;
    private final Supplier<Node> playground;

    public ArticleFigures(
            ResourceBundle text, Palette palette, ActivationSnapshot snapshot, Supplier<Node> playground) {
        this.context = new FigureContext(text, palette, snapshot);
        this.playground = playground;
    }

    /** The figure of a name; a figure the network cannot draw (no conv layer, say) says so instead. */
    public Node figure(String name) {
        Node n =
                switch (name) {
                    case "colour-scales" -> new InputFigures(context).colourScales();
                    case "input-channels" -> new InputFigures(context).inputChannels();
                    case "kernels" -> KernelFigure.draw(context);
                    case "playground" -> playground.get();
                    case "relu-plot" -> ReluFigure.draw(context);
                    case "softmax-live" -> SoftmaxTableFigure.draw(context);
                    case "pooling-example" -> new PoolingFlattenFigures(context).pooling();
                    case "flatten-example" -> new PoolingFlattenFigures(context).flatten();
                    case "gradcam-example" -> GradCamExampleFigure.draw(context);
                    default -> throw new IllegalArgumentException("The article asks for an unknown figure: " + name);
                };
        if (n == null) {
            Label missing = new Label(context.text().getString("learn.figure.missing"));
            missing.getStyleClass().add("article-caption");
            return missing;
        }
        if (n.getId() == null) {
            n.setId("figure-" + name);
        }
        return n;
    }
}
