package io.convscope.ui.train;

import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Which image the probe shows, and the buttons to choose another: the overview's current image, the next of the
 * run's validation images, or a picture file.
 */
final class ProbeSourceBar extends FlowPane {

    private final Words words;
    private final ProbeImage image;
    private final Label source = new Label();

    ProbeSourceBar(Words words, ProbeImage image, Runnable chosen, Consumer<Path> file, Workspace workspace) {
        super(8, 6);
        this.words = words;
        this.image = image;
        setId("train-probe-source");
        setAlignment(Pos.CENTER_LEFT);
        source.setId("train-probe-source-label");
        Button current = words.tip(
                words.label(new Button(), "trainInsights.probe.current"), "trainInsights.probe.current.tooltip");
        Button validation = words.tip(
                words.label(new Button(), "trainInsights.probe.validation"), "trainInsights.probe.validation.tooltip");
        Button open =
                words.tip(words.label(new Button(), "trainInsights.probe.open"), "trainInsights.probe.open.tooltip");
        current.setId("train-probe-current");
        validation.setId("train-probe-validation");
        open.setId("train-probe-open");
        current.disableProperty().bind(workspace.shownProperty().isNull());
        current.setOnAction(e -> {
            Shown shown = workspace.shown();
            if (shown != null) {
                image.choose(new ProbeImage.Choice(shown.upright(), shown.title(), 0));
                refresh();
                chosen.run();
            }
        });
        validation.setOnAction(e -> {
            ProbeImage.Choice was = image.choice();
            image.choose(ProbeImage.Choice.validation(was.upright() == null ? was.index() + 1 : 0));
            refresh();
            chosen.run();
        });
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(words.get("trainInsights.probe.open.title"));
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            words.get("trainInsights.probe.open.images"),
                            "*.png",
                            "*.jpg",
                            "*.jpeg",
                            "*.bmp",
                            "*.gif"));
            File f = chooser.showOpenDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                file.accept(f.toPath());
            }
        });
        getChildren().addAll(source, current, validation, open);
        words.on(this::refresh);
    }

    /** Names the image chosen (FX thread). */
    void refresh() {
        ProbeImage.Choice c = image.choice();
        source.setText(
                c.upright() != null
                        ? words.format("trainInsights.probe.picture", c.name())
                        : words.format("trainInsights.probe.validationIndex", c.index() + 1));
    }
}
