package io.convscope.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bundled model read on a thread of its own while the window is still being built, so ND4J's start-up (about a
 * second of CPU: its native libraries, its class graph) runs on the second core instead of after the first frame.
 * Taken once: the next {@link ModelLoader#loadBundled()} gets it, every later one reads the model afresh (a model
 * object belongs to one owner, whose sanity checks may change its weights for a while).
 */
final class BundledPreload {

    private static final AtomicReference<CompletableFuture<LoadedModel>> PENDING = new AtomicReference<>();

    private BundledPreload() {}

    /** Starts reading the bundled model unless a read is already waiting to be taken. */
    static void start() {
        CompletableFuture<LoadedModel> future = new CompletableFuture<>();
        if (!PENDING.compareAndSet(null, future)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                future.complete(ModelLoader.readBundled());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "convscope-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The preloaded model (waiting for it if it is still being read), or null when none was started. */
    static LoadedModel take() throws ModelLoadException {
        CompletableFuture<LoadedModel> future = PENDING.getAndSet(null);
        if (future == null) {
            return null;
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ModelLoadException m) {
                throw m;
            }
            throw e;
        }
    }
}
