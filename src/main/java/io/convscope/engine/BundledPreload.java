package io.convscope.engine;

import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bundled model read on a thread of its own while the window is still being built, so DL4J's part of the start
 * (its classes, the configuration, the weights, our compilation) runs on the second core instead of after the first
 * frame. Taken once: the next {@link ModelLoader#loadBundled()} gets it, every later one reads the model afresh (a
 * model object belongs to one owner, whose sanity checks may change its weights for a while).
 * <p>
 * ND4J's native start is not moved off the caller's thread: JavaCPP looks symbols up while it walks the loaded
 * libraries (its {@code Loader.addressof}: dlsym inside dl_iterate_phdr, as OpenBLAS and ND4J's CPU backend start),
 * which deadlocks with a library being loaded on another thread at that moment (seen: the window hung for good when
 * JavaFX loaded java.util.prefs' library meanwhile). So {@link #start()} first starts ND4J where it is called, before
 * JavaFX loads any library of its own.
 */
final class BundledPreload {

    private static final AtomicReference<CompletableFuture<LoadedModel>> PENDING = new AtomicReference<>();

    private BundledPreload() {}

    /**
     * Starts ND4J's native libraries on this thread, then reading the bundled model on another, unless a read is
     * already waiting to be taken.
     */
    static void start() {
        CompletableFuture<LoadedModel> future = new CompletableFuture<>();
        if (!PENDING.compareAndSet(null, future)) {
            return;
        }
        try {
            Nd4j.create(new float[] {1f}).sumNumber(); // the backend, its BLAS and executioner: every native lookup
        } catch (Throwable e) {
            PENDING.set(null); // no preload: the window's own load then says what is wrong, in the student's words
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        future.complete(ModelLoader.readBundled());
                    } catch (Throwable e) {
                        future.completeExceptionally(e);
                    }
                },
                "convscope-preload");
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
