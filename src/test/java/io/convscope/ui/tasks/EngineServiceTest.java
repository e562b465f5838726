package io.convscope.ui.tasks;

import io.convscope.ui.tasks.RequestLedger.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine service's supersede rules, driven by latches: results are handed over on the worker that produced them
 * (no FX thread needed), so each step is observed exactly when it happens.
 */
class EngineServiceTest {

    private ExecutorService executor;
    /** What the success handlers were given, in order. */
    private final List<String> shown = new CopyOnWriteArrayList<>();

    /** A request that keeps its worker until the test releases it, so the test decides when it ends. */
    private static final class Held implements EngineService.EngineCall<String> {
        private final String value;
        private final Runnable onStart;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        Held(String value) {
            this(value, () -> {});
        }

        /** @param onStart runs on the worker as the request starts, before it says so */
        Held(String value, Runnable onStart) {
            this.value = value;
            this.onStart = onStart;
        }

        @Override
        public String call() throws InterruptedException {
            onStart.run();
            started.countDown();
            released.await();
            return value;
        }

        void awaitStarted() throws InterruptedException {
            await(started);
        }

        void release() {
            released.countDown();
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private EngineService service(ExecutorService workers) {
        executor = workers;
        return new EngineService(executor, Runnable::run);
    }

    /** A success handler that records the value, then opens {@code done}. */
    private Consumer<String> showThen(CountDownLatch done) {
        return v -> {
            shown.add(v);
            done.countDown();
        };
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(30, TimeUnit.SECONDS), "hang guard");
    }

    @Test
    void anOlderRequestFinishingLastIsNotShownAndBusyFollowsTheLatest() throws Exception {
        // two workers, so the first request can finish after the second
        EngineService service = service(Executors.newFixedThreadPool(2));
        Held first = new Held("first");
        Held second = new Held("second");
        CountDownLatch secondDone = new CountDownLatch(1);

        service.run(Kind.IMAGE, first, shown::add, t -> shown.add("failed"));
        first.awaitStarted();
        service.run(Kind.IMAGE, second, showThen(secondDone), t -> shown.add("failed"));
        assertTrue(service.busyProperty().get(), "busy while both run");

        second.release();
        await(secondDone);
        assertEquals(List.of("second"), shown);
        assertFalse(service.busyProperty().get(), "the latest finished: not busy, though a superseded one still runs");

        first.release();
        executor.shutdown();
        assertTrue(
                executor.awaitTermination(30, TimeUnit.SECONDS),
                "hang guard"); // the first has ended and been handed over
        assertEquals(List.of("second"), shown, "the first request's result, arriving last, is dropped");
        assertFalse(service.busyProperty().get());
    }

    @Test
    void busyStaysOnUntilTheLatestRequestFinishes() throws Exception {
        // the app's case: one engine thread, requests queue
        EngineService service = service(Executors.newSingleThreadExecutor());
        AtomicBoolean busyWhenFirstEnded = new AtomicBoolean();
        Held first = new Held("first");
        // the first has been handed over by the time the second starts
        Held second = new Held(
                "second", () -> busyWhenFirstEnded.set(service.busyProperty().get()));
        CountDownLatch secondDone = new CountDownLatch(1);

        service.run(Kind.IMAGE, first, shown::add, t -> shown.add("failed"));
        first.awaitStarted();
        service.run(Kind.IMAGE, second, showThen(secondDone), t -> shown.add("failed"));

        first.release();
        second.awaitStarted();
        assertTrue(busyWhenFirstEnded.get(), "the superseded request finishing does not hide the busy bar");
        assertTrue(shown.isEmpty(), "the superseded request's result is dropped: " + shown);
        second.release();
        await(secondDone);
        assertEquals(List.of("second"), shown);
        assertFalse(service.busyProperty().get());
    }

    @Test
    void aWaitingRequestThatIsSupersededNeverRuns() throws Exception {
        EngineService service = service(Executors.newSingleThreadExecutor());
        Held first = new Held("first");
        CountDownLatch lastDone = new CountDownLatch(1);
        AtomicBoolean middleRan = new AtomicBoolean();

        service.run(Kind.IMAGE, first, shown::add, t -> {});
        first.awaitStarted();
        service.run(
                Kind.IMAGE,
                () -> {
                    middleRan.set(true);
                    return "middle";
                },
                shown::add,
                t -> {});
        service.run(Kind.IMAGE, () -> "last", showThen(lastDone), t -> {});
        first.release();
        await(lastDone);
        assertFalse(middleRan.get(), "a request superseded before it started is cancelled");
        assertEquals(List.of("last"), shown);
    }

    @Test
    void otherKindsRunOnAndACancelledRequestIsDropped() throws Exception {
        EngineService service = service(Executors.newSingleThreadExecutor());
        Held model = new Held("model");
        CountDownLatch imageDone = new CountDownLatch(1);

        service.run(Kind.MODEL, model, shown::add, t -> {});
        model.awaitStarted();
        service.run(Kind.IMAGE, () -> "image", showThen(imageDone), t -> {});
        service.cancel(Kind.MODEL);
        assertTrue(service.busyProperty().get(), "the image is still outstanding");
        model.release();
        await(imageDone);
        assertEquals(List.of("image"), shown, "a cancelled model load is dropped; another kind is not superseded");
        assertFalse(service.busyProperty().get());
    }
}
