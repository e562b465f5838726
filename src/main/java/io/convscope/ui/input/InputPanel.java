package io.convscope.ui.input;

import atlantafx.base.theme.Styles;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.OutputMap;
import io.convscope.network.Shape;
import io.convscope.ui.common.HeatmapView;
import io.convscope.ui.common.Palette;
import io.convscope.ui.common.RandomWeightsBadge;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The chosen image as the student gave it, the 64x64 input the network sees, and what to look for in it. For a network
 * whose output is a map, also that output drawn over the input: YOLO's most confident boxes on its grid, U-Net's mask.
 */
public final class InputPanel extends VBox {

    static final double WIDTH = 200;
    static final double ORIGINAL_SIZE = 176;
    static final double PROCESSED_SIZE = 128;
    /** YOLO boxes drawn and listed: the most confident few, so the picture stays readable. */
    static final int DETECTIONS_SHOWN = 3;
    /** Opacity of the mask's tint where its value is 1, so the photo stays visible under it. */
    static final double MASK_OPACITY = 0.75;

    private final ImageView original = new ImageView();
    private final HeatmapView processed = new HeatmapView();
    private final Label name = new Label();
    private final Label processedTitle = new Label();
    private final ResourceBundle text;
    private final Label caption = new Label();
    private final Label outputTitle = new Label();
    private final Canvas outputFigure = new Canvas(ORIGINAL_SIZE, ORIGINAL_SIZE);
    private final Label outputNotes = new Label();
    private final RandomWeightsBadge randomWeights;
    private Image networkInput;

    public InputPanel(ResourceBundle text) {
        this.text = text;
        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        getStyleClass().add("input-panel");
        original.setFitWidth(ORIGINAL_SIZE);
        original.setFitHeight(ORIGINAL_SIZE);
        original.setPreserveRatio(true);
        original.setSmooth(true);
        processed.size(PROCESSED_SIZE); // the network's pixels, one square each
        processed.setId("processed");
        name.getStyleClass().add(Styles.TITLE_4);
        name.setWrapText(true);
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        Label originalTitle = new Label(text.getString("image.original"));
        processedTitle.setText(text.getString("image.processed"));
        originalTitle.getStyleClass().add(Styles.TEXT_MUTED);
        processedTitle.getStyleClass().add(Styles.TEXT_MUTED);
        processedTitle.setWrapText(true);
        outputTitle.getStyleClass().add(Styles.TEXT_MUTED);
        outputTitle.setWrapText(true);
        outputFigure.setId("output-figure");
        outputNotes.setWrapText(true);
        outputNotes.getStyleClass().add("caption");
        outputNotes.setId("output-notes");
        randomWeights = new RandomWeightsBadge(text, "random-weights-side");
        getChildren()
                .addAll(
                        name,
                        originalTitle,
                        original,
                        processedTitle,
                        processed,
                        caption,
                        outputTitle,
                        randomWeights,
                        outputFigure,
                        outputNotes);
        for (Label l : List.of(name, processedTitle, caption, outputTitle, outputNotes)) {
            l.setMinHeight(Region.USE_PREF_SIZE); // wrapped in full, never cut to "..."
        }
        showOutput(null);
    }

    public void show(String title, BufferedImage upright, BufferedImage input, String captionText) {
        name.setText(title);
        // The model's real input size: 64 x 64 for Tiny VGG, 224 x 224 for VGG-16...
        processedTitle.setText(
                String.format(text.getString("image.processedSize"), input.getWidth(), input.getHeight()));
        original.setImage(SwingFXUtils.toFXImage(upright, null));
        networkInput = SwingFXUtils.toFXImage(input, null);
        processed.showPixels(
                input.getRGB(0, 0, input.getWidth(), input.getHeight(), null, 0, input.getWidth()),
                input.getWidth(),
                input.getHeight());
        caption.setText(captionText == null ? "" : captionText);
    }

    /** Draws a map output over the network's input; hidden for networks that predict classes. */
    /** A zoo preset's random weights: said next to its output (boxes, mask) so no one reads it as an answer. */
    public void showRandomWeights(boolean random) {
        randomWeights.showFor(random);
    }

    public void showOutput(ActivationSnapshot snapshot) {
        boolean map = snapshot != null
                && networkInput != null
                && (OutputMap.isDetection(snapshot.network()) || OutputMap.isMask(snapshot.network()));
        for (Node n : List.of(outputTitle, outputFigure, outputNotes)) {
            n.setVisible(map);
            n.setManaged(map);
        }
        if (!map) {
            return;
        }
        GraphicsContext g = outputFigure.getGraphicsContext2D();
        double size = outputFigure.getWidth();
        g.setImageSmoothing(false);
        g.clearRect(0, 0, size, size);
        g.drawImage(networkInput, 0, 0, size, size);
        if (OutputMap.isDetection(snapshot.network())) {
            drawDetections(g, size, snapshot);
        } else {
            drawMask(g, size, snapshot);
        }
    }

    private void drawDetections(GraphicsContext g, double size, ActivationSnapshot snapshot) {
        Shape grid = snapshot.layer(snapshot.layerCount() - 1).shape();
        g.setStroke(Palette.DETECTION_GRID);
        g.setLineWidth(1);
        for (int i = 1; i < grid.width(); i++) {
            double x = Math.round(i * size / grid.width()) + 0.5;
            g.strokeLine(x, 0, x, size);
        }
        for (int i = 1; i < grid.height(); i++) {
            double y = Math.round(i * size / grid.height()) + 0.5;
            g.strokeLine(0, y, size, y);
        }
        List<OutputMap.Detection> all = OutputMap.detections(snapshot);
        List<OutputMap.Detection> best = all.subList(0, Math.min(DETECTIONS_SHOWN, all.size()));
        StringBuilder notes = new StringBuilder();
        g.setStroke(Palette.DETECTION_BOX);
        g.setLineWidth(2);
        g.setFont(Font.font(10));
        for (int i = best.size() - 1; i >= 0; i--) { // the most confident drawn last, on top
            OutputMap.Detection d = best.get(i);
            double w = d.width() * size;
            double h = d.height() * size;
            double x = d.centreX() * size - w / 2;
            double y = d.centreY() * size - h / 2;
            g.strokeRect(x, y, w, h);
            g.setFill(Palette.DETECTION_BOX);
            String tag = Integer.toString(i + 1);
            double tx = Math.max(0, Math.min(size - 12, x));
            double ty = Math.max(0, Math.min(size - 13, y));
            g.fillRect(tx, ty, 12, 13);
            g.setFill(Color.WHITE);
            g.fillText(tag, tx + 3, ty + 10);
        }
        for (int i = 0; i < best.size(); i++) {
            OutputMap.Detection d = best.get(i);
            notes.append(String.format(
                            text.getString("output.detection.line"),
                            i + 1,
                            OutputMap.className(snapshot.network(), d.classIndex()),
                            100 * d.score(),
                            d.row(),
                            d.column(),
                            d.anchor()))
                    .append('\n');
        }
        outputTitle.setText(
                String.format(text.getString("output.detection.title"), grid.height(), grid.width(), best.size()));
        outputNotes.setText(notes.toString().strip());
    }

    private void drawMask(GraphicsContext g, double size, ActivationSnapshot snapshot) {
        var mask = snapshot.layer(snapshot.layerCount() - 1);
        int h = mask.shape().height();
        int w = mask.shape().width();
        // One pixel per mask value, scaled up unsmoothed: one image instead of a rectangle per value (16,384 at 128).
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            // As strong as the mask's value, so an unsure mask (all near 0.5) looks unsure too.
            float v = Math.max(0, Math.min(1, mask.value(i)));
            argb[i] = (int) Math.round(255 * MASK_OPACITY * v) << 24 | Palette.MASK_TINT_RGB;
        }
        WritableImage tinted = new WritableImage(w, h);
        tinted.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        g.drawImage(tinted, 0, 0, size, size);
        outputTitle.setText(text.getString("output.mask.title"));
        outputNotes.setText(String.format(
                text.getString("output.mask.notes"),
                100 * OutputMap.maskCoverage(snapshot),
                OutputMap.MASK_THRESHOLD,
                mask.min(),
                mask.max()));
    }
}
