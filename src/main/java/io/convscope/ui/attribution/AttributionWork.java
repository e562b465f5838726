package io.convscope.ui.attribution;

import io.convscope.engine.ByteBoundedCache;
import io.convscope.engine.Inference;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoadException;
import io.convscope.engine.attribution.Attribution;
import io.convscope.engine.attribution.AttributionMethod;
import io.convscope.engine.attribution.AttributionProgress;
import io.convscope.engine.attribution.AttributionTarget;
import io.convscope.engine.attribution.CamMaps;
import io.convscope.engine.attribution.SanityCheck;
import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.AttributionMap;
import io.convscope.network.SanityStep;
import io.convscope.network.Shape;
import io.convscope.ui.attribution.gradcam.GradCamSteps;
import io.convscope.ui.tasks.EngineService;
import io.convscope.ui.tasks.RequestLedger.Kind;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.convscope.engine.attribution.AttributionProgress.Stage.METHOD;

/**
 * The attribution view's engine work, run on an {@link EngineService} thread, never the FX thread. Each model gets one
 * compiled {@link Attribution} (its own copy of the parameters), kept while the model is on show and, for models shown
 * before, in a cache bounded by the bytes their parameters take; so a click recomputes a map, never the network. The
 * gradient and the CAMs of the image on show reuse the app's snapshot of it: only the backward pass runs. Everything
 * here except the request methods runs on the engine thread.
 * <p>
 * Each request is a {@link Run}: the engine tells it each step and it stops the computation at the next step once
 * Cancel is pressed or a newer request of its kind (or, for the sanity check, any new map) supersedes it, so
 * superseded work does not keep the one engine thread busy.
 */
final class AttributionWork {

    /** A compiled attribution network holds its parameters about three times (description, steps, blocks). */
    private static final long BYTES_PER_PARAMETER = 12;

    private final EngineService engine;
    private final ByteBoundedCache<Attribution> networks = new ByteBoundedCache<>(
            ByteBoundedCache.heapFraction(0.125),
            a -> BYTES_PER_PARAMETER * a.description().parameterCount());
    /** The model on show's network, kept even when it weighs more than the cache's budget (engine thread). */
    private LoadedModel currentModel;

    private Attribution current;
    /** The latest request of each kind (FX thread). */
    private final Map<Kind, Run> live = new EnumMap<>(Kind.class);
    /** Told of every step on the engine thread before the stop is looked at (tests hold the engine there). */
    private volatile AttributionProgress stepHook = AttributionProgress.NONE;

    /** Engine work given its {@link Run} to tell its steps to. */
    @FunctionalInterface
    private interface Job<T> {
        T call(AttributionProgress progress) throws Exception;
    }

    /** One request's progress: passes the steps on to the view while the request stands, and stops it once not. */
    private final class Run implements AttributionProgress {
        private final AttributionProgress shown;
        private volatile boolean stopped;

        Run(AttributionProgress shown) {
            this.shown = shown;
        }

        @Override
        public boolean advanced(Stage stage, int done, int total, double fraction) {
            stepHook.advanced(stage, done, total, fraction);
            return !stopped && shown.advanced(stage, done, total, fraction);
        }
    }

    AttributionWork(EngineService engine) {
        this.engine = engine;
    }

    /** Runs {@code job} on the engine thread as the request of {@code kind}, stopping the one it supersedes. */
    private <T> void submit(
            Kind kind, AttributionProgress shown, Job<T> job, Consumer<T> done, Consumer<Throwable> failed) {
        Run run = new Run(shown);
        stop(live.put(kind, run));
        if (kind == Kind.ATTRIBUTION) {
            cancel(Kind.SANITY); // the check was of a choice or image no longer shown
        }
        engine.run(kind, () -> job.call(run), done, failed);
    }

    private static void stop(Run run) {
        if (run != null) {
            run.stopped = true;
        }
    }

    /** The single map of {@code choice} for {@code snapshot}'s image; superseding the earlier request. */
    void map(
            Inference model,
            ActivationSnapshot snapshot,
            AttributionChoice choice,
            AttributionProgress shown,
            Consumer<AttributionResult> done,
            Consumer<Throwable> failed) {
        submit(Kind.ATTRIBUTION, shown, p -> compute(model, snapshot, choice, choice.method(), p), done, failed);
    }

    /** Every compared method's map, in the enum's order; the steps are the methods, each moving within its share. */
    void compare(
            Inference model,
            ActivationSnapshot snapshot,
            AttributionChoice choice,
            AttributionProgress shown,
            Consumer<List<AttributionResult>> done,
            Consumer<Throwable> failed) {
        List<AttributionMethod> methods = List.copyOf(choice.compared());
        submit(
                Kind.ATTRIBUTION,
                shown,
                p -> {
                    AttributionResult[] out = new AttributionResult[methods.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = compute(model, snapshot, choice, methods.get(i), p.part(METHOD, i, out.length));
                        p.reached(METHOD, i + 1, out.length);
                    }
                    return List.of(out);
                },
                done,
                failed);
    }

    /** The sanity check of {@code choice}'s method: one map per randomised layer, top down. */
    void sanity(
            Inference model,
            ActivationSnapshot snapshot,
            AttributionChoice choice,
            AttributionProgress shown,
            Consumer<List<SanityStep>> done,
            Consumer<Throwable> failed) {
        submit(
                Kind.SANITY,
                shown,
                p -> {
                    Attribution a = attributionFor(model.model());
                    float[] image = snapshot.layer(0).toArray();
                    return SanityCheck.cascade(
                            a, choice.method(), image, target(a, choice, image), choice.settings(), p);
                },
                done,
                failed);
    }

    /** Grad-CAM step by step (the walkthrough view's numbers), on the model's cached attribution network. */
    void camSteps(CamRequest request, Consumer<GradCamWalkthrough> done, Consumer<Throwable> failed) {
        submit(
                Kind.ATTRIBUTION,
                AttributionProgress.NONE,
                p -> GradCamSteps.compute(
                        attributionFor(request.model().model()),
                        request.image(),
                        request.classIndex(),
                        request.layer(),
                        p),
                done,
                failed);
    }

    /**
     * The class probabilities with a {@code size x size} window at ({@code top}, {@code left}) set to {@code fill} in
     * every channel (the occlusion probe): the engine's forward pass and softmax on the occluded copy.
     */
    void probe(
            Inference model,
            float[] image,
            int top,
            int left,
            int size,
            float fill,
            Consumer<float[]> done,
            Consumer<Throwable> failed) {
        engine.run(
                Kind.OCCLUSION_PROBE,
                () -> attributionFor(model.model())
                        .network()
                        .probabilities(new float[][] {
                            occluded(model.model().description().inputShape(), image, top, left, size, fill)
                        })[0],
                done,
                failed);
    }

    /** Stops the latest request of {@code kind} at its next step and drops its answer. */
    void cancel(Kind kind) {
        stop(live.remove(kind));
        engine.cancel(kind);
    }

    /** Tests: {@code hook} hears every step on the engine thread, before the request's stop is looked at. */
    void onStep(AttributionProgress hook) {
        stepHook = hook == null ? AttributionProgress.NONE : hook;
    }

    boolean outstanding(Kind kind) {
        return engine.outstanding(kind);
    }

    /** A copy of {@code image} with the window set to {@code fill} in every channel, clipped to the image. */
    static float[] occluded(Shape in, float[] image, int top, int left, int size, float fill) {
        float[] copy = image.clone();
        int plane = in.height() * in.width();
        for (int c = 0; c < in.channels(); c++) {
            for (int y = Math.max(0, top); y < Math.min(in.height(), top + size); y++) {
                for (int x = Math.max(0, left); x < Math.min(in.width(), left + size); x++) {
                    copy[c * plane + y * in.width() + x] = fill;
                }
            }
        }
        return copy;
    }

    private AttributionResult compute(
            Inference model,
            ActivationSnapshot snapshot,
            AttributionChoice choice,
            AttributionMethod method,
            AttributionProgress progress)
            throws ModelLoadException {
        Attribution a = attributionFor(model.model());
        float[] image = snapshot.layer(0).toArray();
        boolean ownSnapshot = snapshot.network() == model.model().description();
        // The prediction is read from the snapshot when it is this model's: no forward pass just to rank the classes.
        AttributionTarget target =
                ownSnapshot && choice.classIndex() < 0 && snapshot.network().predictsClasses()
                        ? a.classTarget(snapshot.topClass())
                        : target(a, choice, image);
        boolean random = model.model().randomWeights();
        if (method.usesLayer()) {
            int layer = a.camLayer(choice.settings().layer(), target);
            Shape shape = a.description().layer(layer).outputShape();
            AttributionMap map = ownSnapshot
                    ? camFromSnapshot(a, method, snapshot, target, layer, random, progress)
                    : a.cam(method, image, target, layer, progress);
            return new AttributionResult(map, target, layer, shape, model, image, choice.withMethod(method));
        }
        AttributionMap map = ownSnapshot && method == AttributionMethod.GRADIENT
                ? gradientFromSnapshot(a, snapshot, target, random, progress)
                : a.compute(method, image, target, choice.settings(), progress);
        return new AttributionResult(map, target, -1, null, model, image, choice.withMethod(method));
    }

    /** {@link Attribution#gradient}, with the forward values read from the app's snapshot. */
    private static AttributionMap gradientFromSnapshot(
            Attribution a, ActivationSnapshot s, AttributionTarget t, boolean random, AttributionProgress progress) {
        float[] input = a.network()
                .backward(s, t.layer(), a.seed(t), progress.layers(t.layer()))
                .input(0);
        return new AttributionMap(
                "gradient",
                t.index(),
                t.name(),
                s.layer(t.layer()).value(t.index()),
                a.description().inputShape(),
                input,
                null,
                null,
                Map.of(),
                random);
    }

    /** {@link Attribution#cam}, with the forward values read from the app's snapshot. */
    private static AttributionMap camFromSnapshot(
            Attribution a,
            AttributionMethod variant,
            ActivationSnapshot s,
            AttributionTarget t,
            int layer,
            boolean random,
            AttributionProgress progress) {
        float[] gradient = a.network()
                .backward(s, t.layer(), a.seed(t), progress.layers(t.layer()))
                .activation(layer, 0);
        Shape shape = a.description().layer(layer).outputShape();
        CamMaps.Cam cam = CamMaps.compute(variant, s.layer(layer).toArray(), gradient, shape);
        return new AttributionMap(
                variant.id(),
                t.index(),
                t.name(),
                s.layer(t.layer()).value(t.index()),
                new Shape(1, shape.height(), shape.width()),
                cam.map(),
                a.description().layer(layer).name(),
                cam.weights(),
                Map.of(),
                random);
    }

    /** The explained value: the chosen class, the prediction, or for a map output the chosen cell. */
    static AttributionTarget target(Attribution a, AttributionChoice choice, float[] image) {
        if (a.network().logitsLayer() < 0) {
            int[] c = choice.cell();
            return a.cellTarget(c[0], c[1], c[2]);
        }
        int classes = a.description().classes().size();
        return choice.classIndex() >= 0 && choice.classIndex() < classes
                ? a.classTarget(choice.classIndex())
                : a.topClass(image);
    }

    /** The model's compiled attribution network: the current one, a cached one, or compiled now. */
    Attribution attributionFor(LoadedModel model) throws ModelLoadException {
        if (model == currentModel) {
            return current;
        }
        String key = key(model);
        Attribution a = networks.get(key);
        if (a == null) {
            a = Attribution.of(model);
            networks.put(key, a);
        }
        currentModel = model;
        current = a;
        return a;
    }

    private static String key(LoadedModel model) {
        return model.source() + "#" + System.identityHashCode(model);
    }
}
