package io.convscope.bench;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs work on the JavaFX thread from a benchmark's main thread and waits for its result. */
final class FxCalls {

    interface FxCall<T> {
        T call() throws Exception;
    }

    private FxCalls() {}

    /** Starts the JavaFX toolkit (headless settings come from the command line) and waits until it runs. */
    static void startFx() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
    }

    static <T> T onFx(FxCall<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
