package io.convscope.ui.train;

import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a worker thread to the FX thread, keeping only the latest: however many arrive before the FX
 * thread gets to them, it shows one, so a fast training loop never queues up work for the window.
 */
final class FxLatest<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<T> onFx;

    FxLatest(Consumer<T> onFx) {
        this.onFx = onFx;
    }

    /** Any thread; null is ignored. */
    void offer(T value) {
        if (value != null && latest.getAndSet(value) == null) {
            Platform.runLater(() -> onFx.accept(latest.getAndSet(null)));
        }
    }
}
