package io.convscope.ui.input;

import atlantafx.base.theme.Tweaks;
import io.convscope.engine.TinyVgg;
import javafx.geometry.Pos;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/** Thumbnails of the sample images; choosing one shows it. The selected one is outlined, the others dimmed. */
public final class GalleryStrip extends ScrollPane {

    static final double THUMB = 40;

    private final ToggleGroup group = new ToggleGroup();
    private final Map<String, ToggleButton> buttons = new HashMap<>();
    private final ResourceBundle samples;

    public GalleryStrip(ResourceBundle samples, Consumer<String> onChoose) {
        this.samples = samples;
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        for (String file : SampleGallery.FILES) {
            try (InputStream in = GalleryStrip.class.getResourceAsStream(SampleGallery.RESOURCE_DIR + file)) {
                if (in == null) {
                    continue;
                }
                ImageView thumb = new ImageView(new Image(in, THUMB * 2, THUMB * 2, false, true));
                thumb.setFitWidth(THUMB);
                thumb.setFitHeight(THUMB);
                ToggleButton b = new ToggleButton(null, thumb);
                b.getStyleClass().add("gallery-thumb");
                b.setToggleGroup(group);
                b.setId("sample-" + SampleGallery.stem(file));
                Tooltip tip = new Tooltip(tooltipText(file, TinyVgg.CLASSES, TinyVgg.INPUT_SIZE, TinyVgg.INPUT_SIZE));
                tip.setWrapText(true);
                tip.setMaxWidth(320);
                tip.setShowDelay(Duration.millis(300));
                b.setTooltip(tip);
                b.setOnAction(e -> {
                    b.setSelected(true); // a sample stays chosen when clicked twice
                    onChoose.accept(file);
                });
                buttons.put(file, b);
                box.getChildren().add(b);
            } catch (IOException e) {
                // a sample that cannot be read is left out of the strip
            }
        }
        setContent(box);
        setFitToHeight(true);
        setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().addAll("gallery", Tweaks.EDGE_TO_EDGE);
        setPrefViewportHeight(THUMB + 14);
    }

    /** Marks a sample as chosen, or none when {@code file} is not a sample (the student's own image). */
    public void select(String file) {
        ToggleButton b = file == null ? null : buttons.get(file);
        if (b == null) {
            group.selectToggle(null);
        } else {
            b.setSelected(true);
        }
    }

    /** Rewrites the tooltips for a model: the photos' captions name Tiny VGG's ten classes, which others lack. */
    public void describeFor(List<String> classes, int inputWidth, int inputHeight) {
        buttons.forEach((file, b) -> b.getTooltip().setText(tooltipText(file, classes, inputWidth, inputHeight)));
    }

    private String tooltipText(String file, List<String> classes, int inputWidth, int inputHeight) {
        return SampleGallery.title(samples, file) + "\n"
                + SampleGallery.caption(samples, file, classes, inputWidth, inputHeight);
    }
}
