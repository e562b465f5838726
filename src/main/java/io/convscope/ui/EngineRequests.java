package io.convscope.ui;

import io.convscope.engine.ArchitecturePresets;
import io.convscope.engine.ByteBoundedCache;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.ModelTooBigException;
import io.convscope.engine.PassMemory;
import io.convscope.engine.PresetModels;
import io.convscope.image.ImageInputException;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.ActivationSnapshot;
import io.convscope.ui.input.ImageSources;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.tasks.RequestLedger;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Language;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * What the window asks of the engine: a model (a file, the bundled one or a zoo preset) and images through it (a
 * sample, a file, a pasted image). Each runs through the {@link EngineService}, so a newer request supersedes an older
 * one; results become the {@link Workspace}'s and go to the screen, failures become a sentence for the student.
 */
public final class EngineRequests implements ImageSources.Target {

    /** Where results and messages go. */
    interface Screen {
        /** Shows a result (the workspace's model computed it). */
        void display(Shown shown);

        /** A message over the overview; null hides it. */
        void setNotice(String message);
    }

    /** Where a preset load's progress is when it starts its first forward pass (init and compile take the rest). */
    static final double FIRST_PASS_PROGRESS = 0.85;
    /** The heap share of the decoded samples kept to show again without decoding (a 2 GB heap keeps 64 MB). */
    static final double SHOWN_CACHE_HEAP_FRACTION = 1 / 32.0;

    private final ResourceBundle text;
    private final ResourceBundle samples;
    private final AppSettings settings;
    private final EngineService engine;
    private final Workspace workspace;
    private final StatusBar statusBar;
    private final Screen screen;
    private final ReadOnlyObjectWrapper<Task<?>> presetLoad = new ReadOnlyObjectWrapper<>();
    /**
     * Samples shown recently, decoded and bounded by their pixels' bytes (JavaFX thread only). Their snapshots are
     * not kept here (null): the engine's byte-bounded cache holds them, so there is one snapshot cache, not two.
     */
    private final ByteBoundedCache<Shown> recentSamples =
            new ByteBoundedCache<>(ByteBoundedCache.heapFraction(SHOWN_CACHE_HEAP_FRACTION), Shown::imageBytes);

    EngineRequests(
            Language language,
            AppSettings settings,
            EngineService engine,
            Workspace workspace,
            StatusBar statusBar,
            Screen screen) {
        this.text = language.messages();
        this.samples = language.samples();
        this.settings = settings;
        this.engine = engine;
        this.workspace = workspace;
        this.statusBar = statusBar;
        this.screen = screen;
    }

    /** The preset load under way (its progress and phase), or null. */
    public ReadOnlyObjectProperty<Task<?>> presetLoadProperty() {
        return presetLoad.getReadOnlyProperty();
    }

    /** The decoded samples shown recently, to show again without decoding. */
    ByteBoundedCache<Shown> recentSamples() {
        return recentSamples;
    }

    @Override
    public void setNotice(String message) {
        screen.setNotice(message);
    }

    /**
     * Opens a zoo architecture with seeded random weights. Configuration, init (seconds and ~550 MB for VGG-16),
     * compilation and the first forward pass of the current image all run on the engine thread; the UI shows the
     * phase and can cancel, which keeps the current model (the engine stops at the next phase boundary).
     */
    public void loadPreset(String id) {
        ArchitecturePresets.Preset preset = ArchitecturePresets.find(id).orElseThrow();
        String name = String.format(text.getString("model.preset.name"), preset.displayName());
        Shown current = workspace.shown();
        cancelLoad();
        Task<Loaded> task = new Task<>() {
            @Override
            protected Loaded call() throws Exception {
                PresetModels.Progress progress = new PresetModels.Progress() {
                    @Override
                    public void phase(PresetModels.Phase p) {
                        updateProgress(p.start, 1);
                        updateMessage(text.getString("load.phase." + p.name().toLowerCase(Locale.ROOT)));
                    }

                    @Override
                    public boolean cancelled() {
                        return isCancelled();
                    }
                };
                LoadedModel model = Inference.requireFits(PresetModels.load(preset, name, progress));
                updateProgress(FIRST_PASS_PROGRESS, 1);
                updateMessage(text.getString("load.phase.firstpass"));
                Inference inf = new Inference(model);
                if (current == null || current.sample() != null) {
                    String sample = current == null ? SampleGallery.DEFAULT : current.sample();
                    return new Loaded(
                            inf,
                            compute(
                                    inf,
                                    "sample:" + sample,
                                    SampleGallery.title(samples, sample),
                                    sample,
                                    decodeSample(sample)));
                }
                return new Loaded(inf, compute(inf, current.key(), current.title(), null, current.upright()));
            }
        };
        presetLoad.set(task);
        statusBar.showWorking(String.format(text.getString("status.loadingPreset"), name));
        engine.run(
                RequestLedger.Kind.PRESET,
                task,
                loaded -> {
                    presetLoad.set(null);
                    workspace.modelProperty().set(loaded.inference());
                    screen.display(loaded.shown());
                },
                failure -> {
                    presetLoad.set(null);
                    screen.setNotice(message(failure));
                    statusBar.update(workspace.shown());
                });
    }

    /** A loaded preset with the current image's result through it. */
    private record Loaded(Inference inference, Shown shown) {}

    /** Stops a preset load: its result is dropped and the current model stays. */
    public void cancelLoad() {
        if (loading()) {
            engine.cancel(RequestLedger.Kind.PRESET);
            presetLoad.set(null);
            statusBar.update(workspace.shown());
        }
    }

    boolean loading() {
        return engine.outstanding(RequestLedger.Kind.PRESET);
    }

    /** Loads a model off the UI thread; on success shows the current (or default) image through it. */
    @Override
    public void loadModel(Path file) {
        run(
                RequestLedger.Kind.MODEL,
                text.getString("status.loadingModel"),
                () -> Inference.requireFits(file == null ? ModelLoader.loadBundled() : ModelLoader.load(file)),
                model -> {
                    workspace.modelProperty().set(new Inference(model));
                    Shown s = workspace.shown();
                    if (s == null || s.sample() != null) {
                        showSample(s == null ? SampleGallery.DEFAULT : s.sample());
                    } else {
                        screen.setNotice(null);
                        statusBar.update(null);
                    }
                });
    }

    void showSample(String file) {
        Inference inf = workspace.model();
        if (inf == null) {
            return;
        }
        Shown again = recentSamples.get("sample:" + file);
        ActivationSnapshot cached = again == null ? null : inf.cached(again.key());
        if (cached != null && cached.network() == inf.model().description()) {
            engine.cancel(RequestLedger.Kind.IMAGE); // an image still computing must not replace this one later
            screen.display(again.with(cached));
            return;
        }
        run(
                RequestLedger.Kind.IMAGE,
                null,
                () -> {
                    if (again != null) { // decoded, but its snapshot was dropped from the engine's cache
                        return compute(inf, again.key(), again.title(), file, again.upright());
                    }
                    return compute(inf, "sample:" + file, SampleGallery.title(samples, file), file, decodeSample(file));
                },
                screen::display);
    }

    @Override
    public void showFile(Path file) {
        Inference inf = workspace.model();
        if (inf == null) {
            return;
        }
        run(
                RequestLedger.Kind.IMAGE,
                null,
                () -> {
                    BufferedImage upright = ImagePreprocessor.decode(file);
                    return compute(
                            inf,
                            "file:" + file.toAbsolutePath().normalize(),
                            file.getFileName().toString(),
                            null,
                            upright);
                },
                s -> {
                    settings.addRecent(file);
                    screen.display(s);
                });
    }

    @Override
    public void showPasted(BufferedImage image) {
        Inference inf = workspace.model();
        if (inf == null) {
            return;
        }
        String title = text.getString("image.pasted");
        run(
                RequestLedger.Kind.IMAGE,
                null,
                () -> compute(inf, "paste:" + System.identityHashCode(image), title, null, image),
                screen::display);
    }

    /** A bundled sample, decoded (on the engine thread). */
    private static BufferedImage decodeSample(String file) throws Exception {
        byte[] bytes;
        try (InputStream in = EngineRequests.class.getResourceAsStream(SampleGallery.RESOURCE_DIR + file)) {
            if (in == null) {
                throw new ImageInputException(ImageInputException.Problem.MISSING_FROM_BUILD, file);
            }
            bytes = in.readAllBytes();
        }
        return ImagePreprocessor.decode(bytes, file);
    }

    private Shown compute(Inference inf, String key, String title, String sample, BufferedImage upright) {
        BufferedImage input = inf.resized(upright); // once: the same pixels are shown and run
        return new Shown(key, title, sample, upright, input, inf.runResized(key, input));
    }

    /**
     * Runs {@code call} on the engine thread, superseding the earlier request of its kind; a failure shows its message
     * and leaves the current state as it was.
     */
    private <T> void run(
            RequestLedger.Kind kind, String busyText, EngineService.EngineCall<T> call, Consumer<T> onSuccess) {
        if (busyText != null) {
            statusBar.showWorking(busyText);
        }
        engine.run(kind, call, onSuccess, t -> {
            screen.setNotice(message(t));
            statusBar.update(workspace.shown());
        });
    }

    /**
     * What to tell the student about a failure, in their language: image problems have their own sentences; a model
     * that cannot be loaded gets a sentence with the loader's (technical, English) reason; anything else is a bug.
     */
    String message(Throwable t) {
        if (t instanceof ImageInputException e) {
            return String.format(
                    text.getString(e.problem().messageKey()), e.arguments().toArray());
        }
        if (t instanceof ModelTooBigException e) {
            return String.format(
                    text.getString("error.memory"),
                    e.model(),
                    PassMemory.readable(e.neededBytes()),
                    PassMemory.readable(Math.max(0, e.freeBytes())),
                    PassMemory.readable(e.maxBytes()),
                    e.suggestedHeapGb());
        }
        if (t instanceof ModelLoadException) {
            return String.format(text.getString("error.model"), t.getMessage());
        }
        return String.format(text.getString("error.unexpected"), t);
    }
}
