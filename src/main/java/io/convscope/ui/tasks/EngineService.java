package io.convscope.ui.tasks;

import io.convscope.ui.tasks.RequestLedger.Kind;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one engine thread of the app and what runs on it. A newer request of a kind supersedes the older one: the
 * older one is cancelled if it has not started, and its result or failure is dropped if it has; so clicking through
 * samples runs only the last one still waiting, and an older result never replaces a newer one. {@link #busyProperty()}
 * is on while the latest request of a model or image is outstanding, off only when that one has finished.
 */
public final class EngineService {

    /** Work that may fail with a message for the user. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call() throws Exception;
    }

    private final ExecutorService executor;
    private final Executor resultThread;
    private final RequestLedger ledger = new RequestLedger();
    private final Map<Kind, Future<?>> pending = new EnumMap<>(Kind.class);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /** The app's engine: one daemon thread; results reach the JavaFX thread. */
    public static EngineService start() {
        return new EngineService(
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "convscope-engine");
                    t.setDaemon(true);
                    return t;
                }),
                Platform::runLater);
    }

    /** {@code resultThread} is where results, failures and the busy flag are handed over (the FX thread in the app). */
    EngineService(ExecutorService executor, Executor resultThread) {
        this.executor = executor;
        this.resultThread = resultThread;
    }

    /**
     * Runs {@code call} on the engine thread, superseding the earlier request of {@code kind}; {@code onSuccess} or
     * {@code onFailure} runs on the result thread, and only if no newer request of that kind has begun meanwhile.
     */
    public <T> void run(Kind kind, EngineCall<T> call, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        long generation = begin(kind);
        Future<?> future = executor.submit(() -> {
            try {
                T value = call.call();
                resultThread.execute(() -> {
                    if (end(kind, generation)) {
                        onSuccess.accept(value);
                    }
                });
            } catch (Throwable t) {
                resultThread.execute(() -> {
                    if (end(kind, generation)) {
                        onFailure.accept(t);
                    }
                });
            }
        });
        remember(kind, future);
    }

    /**
     * Runs a task that reports its own progress (a preset load), superseding the earlier one of {@code kind}; its
     * handlers run on the FX thread, and only while it is the latest.
     */
    public <T> void run(Kind kind, Task<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        long generation = begin(kind);
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            if (end(kind, generation)) {
                onSuccess.accept(task.getValue());
            }
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            if (end(kind, generation)) {
                onFailure.accept(task.getException());
            }
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> end(kind, generation));
        executor.submit(task);
        remember(kind, task);
    }

    /** Stops the latest request of {@code kind}: dropped if it runs, never started if it waits. */
    public void cancel(Kind kind) {
        Future<?> future;
        synchronized (this) {
            future = pending.remove(kind);
        }
        if (future != null) {
            future.cancel(false);
        }
        ledger.finish(kind, ledger.begin(kind)); // a generation nothing has, so every earlier result is stale
        busy.set(ledger.busy());
    }

    /** Whether the latest request of {@code kind} is still outstanding. */
    public boolean outstanding(Kind kind) {
        return ledger.outstanding(kind);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The executor itself, for tests that hold the engine thread to see what runs there. */
    public ExecutorService executor() {
        return executor;
    }

    public void shutdown() {
        executor.shutdownNow();
    }

    private long begin(Kind kind) {
        long generation = ledger.begin(kind);
        Future<?> older;
        synchronized (this) {
            older = pending.remove(kind);
        }
        if (older != null) {
            older.cancel(false); // not started yet: it never runs; running: its result is dropped below
        }
        busy.set(ledger.busy());
        return generation;
    }

    private synchronized void remember(Kind kind, Future<?> future) {
        pending.put(kind, future);
    }

    /** On the result thread: the request ended; true when its result is the one to show. */
    private boolean end(Kind kind, long generation) {
        boolean latest = ledger.finish(kind, generation);
        busy.set(ledger.busy());
        return latest;
    }
}
