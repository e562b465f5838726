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
import io.convscope.ui.common.FailureReason;
import io.convscope.ui.explorer.ImageActions;
import io.convscope.ui.input.ImageSources;
import io.convscope.ui.input.SampleGallery;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.tasks.RequestLedger;
import io.convscope.ui.workspace.AppSettings;
import io.convscope.ui.workspace.Shown;
import io.convscope.ui.workspace.Workspace;
import io.convscope.ui.workspace.WorkspaceMode;
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
 * one; results become the {@link Workspace}'s (the views listen to it), failures become a sentence for the student in
 * the workspace's language.
 */
public final class EngineRequests implements ImageSources.Target {

    /** Where a preset load's progress is when it starts its first forward pass (init and compile take the rest). */
    static final double FIRST_PASS_PROGRESS = 0.85;
    /** The heap share of the decoded samples kept to show again without decoding (a 2 GB heap keeps 64 MB). */
    static final double SHOWN_CACHE_HEAP_FRACTION = 1 / 32.0;

    private final AppSettings settings;
    private final EngineService engine;
    private final Workspace workspace;
    private Path modelFile;
    private final Consumer<String> notice;
    private final ReadOnlyObjectWrapper<Task<?>> presetLoad = new ReadOnlyObjectWrapper<>();
    /**
     * Samples shown recently, decoded and bounded by their pixels' bytes (JavaFX thread only). Their snapshots are
     * not kept here (null): the engine's byte-bounded cache holds them, so there is one snapshot cache, not two.
     */
    private final ByteBoundedCache<Shown> recentSamples =
            new ByteBoundedCache<>(ByteBoundedCache.heapFraction(SHOWN_CACHE_HEAP_FRACTION), Shown::imageBytes);

    /** {@code notice} shows a message over the overview (null hides it). */
    EngineRequests(AppSettings settings, EngineService engine, Workspace workspace, Consumer<String> notice) {
        this.settings = settings;
        this.engine = engine;
        this.workspace = workspace;
        this.notice = notice;
    }

    /** The preset load under way (its progress and phase), or null. */
    public ReadOnlyObjectProperty<Task<?>> presetLoadProperty() {
        return presetLoad.getReadOnlyProperty();
    }

    @Override
    public void setNotice(String message) {
        notice.accept(message);
    }

    /**
     * A result becomes the workspace's shown image, unless a model that was replaced while it ran computed it (a
     * preset opened meanwhile): that one is stale.
     */
    private void publish(Shown s) {
        Inference current = workspace.model();
        if (current != null && s.snapshot().network() != current.model().description()) {
            return;
        }
        Shown before = workspace.shown();
        if (before == null || before.snapshot().network() != s.snapshot().network()) {
            recentSamples.clear(); // another model: old results would only pin its weights (VGG-16's are 550 MB)
        }
        if (s.sample() != null) {
            recentSamples.put(s.key(), s.with(null));
        }
        workspace.activityProperty().set(null);
        notice.accept(null);
        workspace.shownProperty().set(s);
    }

    /**
     * Opens a zoo architecture with seeded random weights. Configuration, init (seconds and ~550 MB for VGG-16),
     * compilation and the first forward pass of the current image all run on the engine thread; the UI shows the
     * phase and can cancel, which keeps the current model (the engine stops at the next phase boundary).
     */
    public void loadPreset(String id) {
        ArchitecturePresets.Preset preset = ArchitecturePresets.find(id).orElseThrow();
        ResourceBundle text = workspace.text();
        ResourceBundle samples = workspace.samples();
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
        workspace.activityProperty().set(String.format(text.getString("status.loadingPreset"), name));
        engine.run(
                RequestLedger.Kind.PRESET,
                task,
                loaded -> {
                    presetLoad.set(null);
                    modelFile = null;
                    workspace.modelProperty().set(loaded.inference());
                    publish(loaded.shown());
                },
                failure -> {
                    presetLoad.set(null);
                    notice.accept(message(failure));
                    workspace.activityProperty().set(null);
                });
    }

    /** A loaded preset with the current image's result through it. */
    private record Loaded(Inference inference, Shown shown) {}

    /** Stops a preset load: its result is dropped and the current model stays. */
    public void cancelLoad() {
        if (loading()) {
            engine.cancel(RequestLedger.Kind.PRESET);
            presetLoad.set(null);
            workspace.activityProperty().set(null);
        }
    }

    boolean loading() {
        return engine.outstanding(RequestLedger.Kind.PRESET);
    }

    /** The file the shown model was loaded from (its split may lie beside it); null for the bundled one. */
    public Path modelFile() {
        return modelFile;
    }

    /** Loads a model off the UI thread; on success shows the current (or default) image through it. */
    @Override
    public void loadModel(Path file) {
        loadModel(file, null);
    }

    /**
     * {@code image} through the model in {@code model} (a training run's epoch, exported): the model is loaded first
     * unless it is the one shown, so the image is never scored by the model it replaces.
     */
    public void showFileThrough(Path model, Path image) {
        if (model.equals(modelFile) && workspace.model() != null) {
            showFile(image);
        } else {
            loadModel(model, image);
        }
    }

    /** Loads {@code file}; then shows {@code image} through it, or (null) the current image as {@link #loadModel}. */
    private void loadModel(Path file, Path image) {
        run(
                RequestLedger.Kind.MODEL,
                workspace.text().getString("status.loadingModel"),
                () -> Inference.requireFits(file == null ? ModelLoader.loadBundled() : ModelLoader.load(file)),
                model -> {
                    modelFile = file;
                    workspace.modelProperty().set(new Inference(model));
                    if (image != null) {
                        showFile(image);
                        return;
                    }
                    Shown s = workspace.shown();
                    if (s == null || s.sample() != null) {
                        showSample(s == null ? SampleGallery.DEFAULT : s.sample());
                    } else {
                        // The student's own image stays on screen (shown by the old model) until they run it again.
                        notice.accept(null);
                        workspace.activityProperty().set(null);
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
            publish(again.with(cached));
            return;
        }
        ResourceBundle samples = workspace.samples();
        run(
                RequestLedger.Kind.IMAGE,
                null,
                () -> {
                    if (again != null) { // decoded, but its snapshot was dropped from the engine's cache
                        return compute(inf, again.key(), again.title(), file, again.upright());
                    }
                    return compute(inf, "sample:" + file, SampleGallery.title(samples, file), file, decodeSample(file));
                },
                this::publish);
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
                    publish(s);
                });
    }

    @Override
    public void showPasted(BufferedImage image) {
        Inference inf = workspace.model();
        if (inf == null) {
            return;
        }
        String title = workspace.text().getString("image.pasted");
        run(
                RequestLedger.Kind.IMAGE,
                null,
                () -> compute(inf, "paste:" + System.identityHashCode(image), title, null, image),
                this::publish);
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
            workspace.activityProperty().set(busyText);
        }
        engine.run(kind, call, onSuccess, t -> {
            notice.accept(message(t));
            workspace.activityProperty().set(null);
        });
    }

    /**
     * What to tell the student about a failure, in their language: image problems have their own sentences; a model
     * that cannot be loaded gets a sentence with the loader's reason (in their language for a file refused as a whole,
     * in English for a library's or a layer's); anything else is a bug.
     */
    String message(Throwable t) {
        ResourceBundle text = workspace.text();
        if (t instanceof ImageInputException) {
            return FailureReason.of(text, t); // the image's own sentence, in the language on show
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
        if (t instanceof ModelLoadException e) {
            // a whole file's refusal in the language on show; a library's or a layer's reason stays English
            return String.format(text.getString("error.model"), FailureReason.of(text, e));
        }
        return String.format(text.getString("error.unexpected"), FailureReason.of(text, t));
    }

    /** The explorer's image picks: into the overview, or into the Why? mode for its attribution map. */
    ImageActions explorerActions() {
        return new ImageActions(
                file -> {
                    workspace.modeProperty().set(WorkspaceMode.OVERVIEW);
                    showFile(file);
                },
                file -> {
                    workspace.modeProperty().set(WorkspaceMode.ATTRIBUTION);
                    showFile(file);
                });
    }
}
