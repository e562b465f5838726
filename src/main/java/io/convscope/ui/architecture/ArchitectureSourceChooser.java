package io.convscope.ui.architecture;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.network.caffe.CaffeImporter;
import io.convscope.network.graph.ArchitectureGraph;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The architecture window's source chooser: the model on show (if any), Tiny VGG, the other presets, and each file
 * opened. Choosing an entry asks the window to load it; the window's own changes (a file added, going back to what is
 * still shown after a failure) load nothing.
 */
final class ArchitectureSourceChooser extends ComboBox<ArchitectureSourceChooser.Source> {

    static final String FIRST_PRESET = "tiny-vgg";

    /**
     * A network the chooser offers: exactly one of a preset id, a file, a graph or a loaded model.
     *
     * @param name     the preset's name, the model's title or the file's name
     * @param labelKey the message that frames the name in the chooser (the model on show, a file), or null
     */
    record Source(
            String name, String labelKey, String presetId, Path file, ArchitectureGraph graph, LoadedModel model) {
        @Override
        public String toString() {
            return name;
        }

        /** What the chooser and messages call it, in {@code text}'s language. */
        String label(ResourceBundle text) {
            return labelKey == null ? name : String.format(text.getString(labelKey), name);
        }

        /** Builds its graph; slow for files, models and big presets, so call it off the JavaFX thread. */
        ArchitectureGraph build() throws Exception {
            if (graph != null) {
                return graph;
            } else if (model != null) {
                return model.architecture();
            } else if (presetId != null) {
                return ArchitecturePresets.find(presetId).orElseThrow().graph();
            }
            return readFile(file);
        }
    }

    private ResourceBundle text;
    private boolean choosing;

    /**
     * @param onChosen loads the source the student chose
     * @param shown    the source on show, which choosing again does not reload
     */
    ArchitectureSourceChooser(ResourceBundle text, Consumer<Source> onChosen, Supplier<Source> shown) {
        this.text = text;
        setId("architecture-source");
        setVisibleRowCount(16);
        setPrefWidth(190);
        relabel(text);
        getSelectionModel().selectedItemProperty().addListener((o, was, s) -> {
            if (s != null && !choosing && s != shown.get()) {
                onChosen.accept(s);
            }
        });
    }

    /** Names the entries in {@code text}'s language from now on; the entries and the selection stay. */
    void relabel(ResourceBundle text) {
        this.text = text;
        setTooltip(new Tooltip(text.getString("architecture.source.tooltip")));
        setConverter(new StringConverter<>() {
            @Override
            public String toString(Source s) {
                return s == null ? "" : s.label(text);
            }

            @Override
            public Source fromString(String s) {
                return null;
            }
        });
    }

    /** Reads a Caffe .prototxt with the Caffe importer, anything else as a model through {@link ModelLoader}. */
    static ArchitectureGraph readFile(Path file) throws Exception {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prototxt")) {
            return CaffeImporter.read(file);
        }
        return ModelLoader.load(file).architecture();
    }

    /** Lists {@code current} (when not null) first, then Tiny VGG, then the other presets. */
    void addPresets(Source current) {
        if (current != null) {
            getItems().add(current);
        }
        ArchitecturePresets.find(FIRST_PRESET).ifPresent(p -> getItems().add(preset(p)));
        for (ArchitecturePresets.Preset p : ArchitecturePresets.all()) {
            if (!p.id().equals(FIRST_PRESET)) {
                getItems().add(preset(p));
            }
        }
    }

    private static Source preset(ArchitecturePresets.Preset p) {
        return new Source(p.displayName(), null, p.id(), null, null, null);
    }

    Source current(String title, ArchitectureGraph graph, LoadedModel model) {
        return new Source(title, "architecture.source.current", null, null, graph, model);
    }

    /** Lists {@code file} and selects it without loading it: the caller loads it. */
    Source addFile(Path file) {
        Source s = new Source(file.getFileName().toString(), "architecture.source.file", null, file, null, null);
        quietly(() -> {
            getItems().add(s);
            getSelectionModel().select(s);
        });
        return s;
    }

    /** Asks for a network definition or model file; null when the student cancels. */
    Path askForFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter(
                                text.getString("architecture.filter.all"),
                                "*.prototxt",
                                "*.zip",
                                "*.h5",
                                "*.hdf5",
                                "*.json"),
                        new FileChooser.ExtensionFilter(text.getString("architecture.filter.prototxt"), "*.prototxt"),
                        new FileChooser.ExtensionFilter(
                                text.getString("architecture.filter.models"), "*.zip", "*.h5", "*.hdf5", "*.json"));
        File f = chooser.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** Selects the preset {@code id}, which loads it. */
    void selectPreset(String id) {
        for (Source s : getItems()) {
            if (id.equals(s.presetId())) {
                getSelectionModel().select(s);
                return;
            }
        }
        throw new IllegalArgumentException("no preset " + id);
    }

    /** After a failure the chooser goes back to what is still shown (nothing, before the first graph). */
    void restore(Source shown) {
        quietly(() -> {
            if (shown == null) {
                getSelectionModel().clearSelection();
            } else {
                getSelectionModel().select(shown);
            }
        });
    }

    private void quietly(Runnable change) {
        choosing = true;
        try {
            change.run();
        } finally {
            choosing = false;
        }
    }
}
