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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine service's supersede rules, driven by latches: results are handed over on the worker that produced them
 * (no FX thread needed), so each step is observed exactly when it happens.
 */
class EngineServiceTest {

    private ExecutorService executor;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void anOlderRequestFinishingLastIsNotShownAndBusyFollowsTheLatest() throws Exception {
        executor = Executors.newFixedThreadPool(2); // two workers, so the first request can finish after the second
        EngineService service = new EngineService(executor, Runnable::run);
        List<String> shown = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);

        service.run(
                Kind.IMAGE,
                () -> {
                    firstStarted.countDown();
                    releaseFirst.await();
                    return "first";
                },
                v -> shown.add(v),
                t -> shown.add("failed"));
        assertTrue(firstStarted.await(30, TimeUnit.SECONDS), "hang guard");
        service.run(
                Kind.IMAGE,
                () -> {
                    releaseSecond.await();
                    return "second";
                },
                v -> {
                    shown.add(v);
                    secondDone.countDown();
                },
                t -> shown.add("failed"));
        assertTrue(service.busyProperty().get(), "busy while both run");

        releaseSecond.countDown();
        assertTrue(secondDone.await(30, TimeUnit.SECONDS), "hang guard");
        assertEquals(List.of("second"), shown);
        assertFalse(service.busyProperty().get(), "the latest finished: not busy, though a superseded one still runs");

        releaseFirst.countDown();
        executor.shutdown();
        assertTrue(
                executor.awaitTermination(30, TimeUnit.SECONDS),
                "hang guard"); // the first has ended and been handed over
        assertEquals(List.of("second"), shown, "the first request's result, arriving last, is dropped");
        assertFalse(service.busyProperty().get());
    }

    @Test
    void busyStaysOnUntilTheLatestRequestFinishes() throws Exception {
        executor = Executors.newSingleThreadExecutor(); // the app's case: one engine thread, requests queue
        EngineService service = new EngineService(executor, Runnable::run);
        List<String> shown = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicBoolean busyWhenFirstEnded = new AtomicBoolean();

        service.run(
                Kind.IMAGE,
                () -> {
                    firstStarted.countDown();
                    releaseFirst.await();
                    return "first";
                },
                shown::add,
                t -> shown.add("failed"));
        assertTrue(firstStarted.await(30, TimeUnit.SECONDS), "hang guard");
        service.run(
                Kind.IMAGE,
                () -> {
                    busyWhenFirstEnded.set(service.busyProperty().get()); // the first has been handed over by now
                    secondStarted.countDown();
                    releaseSecond.await();
                    return "second";
                },
                v -> {
                    shown.add(v);
                    secondDone.countDown();
                },
                t -> shown.add("failed"));

        releaseFirst.countDown();
        assertTrue(secondStarted.await(30, TimeUnit.SECONDS), "hang guard");
        assertTrue(busyWhenFirstEnded.get(), "the superseded request finishing does not hide the busy bar");
        assertTrue(shown.isEmpty(), "the superseded request's result is dropped: " + shown);
        releaseSecond.countDown();
        assertTrue(secondDone.await(30, TimeUnit.SECONDS), "hang guard");
        assertEquals(List.of("second"), shown);
        assertFalse(service.busyProperty().get());
    }

    @Test
    void aWaitingRequestThatIsSupersededNeverRuns() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        EngineService service = new EngineService(executor, Runnable::run);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch lastDone = new CountDownLatch(1);
        AtomicBoolean middleRan = new AtomicBoolean();
        List<String> shown = new CopyOnWriteArrayList<>();

        service.run(
                Kind.IMAGE,
                () -> {
                    holding.countDown();
                    release.await();
                    return "first";
                },
                shown::add,
                t -> {});
        assertTrue(holding.await(30, TimeUnit.SECONDS), "hang guard");
        service.run(
                Kind.IMAGE,
                () -> {
                    middleRan.set(true);
                    return "middle";
                },
                shown::add,
                t -> {});
        service.run(
                Kind.IMAGE,
                () -> "last",
                v -> {
                    shown.add(v);
                    lastDone.countDown();
                },
                t -> {});
        release.countDown();
        assertTrue(lastDone.await(30, TimeUnit.SECONDS), "hang guard");
        assertFalse(middleRan.get(), "a request superseded before it started is cancelled");
        assertEquals(List.of("last"), shown);
    }

    @Test
    void otherKindsRunOnAndACancelledRequestIsDropped() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        EngineService service = new EngineService(executor, Runnable::run);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch imageDone = new CountDownLatch(1);
        List<String> shown = new CopyOnWriteArrayList<>();

        service.run(
                Kind.MODEL,
                () -> {
                    holding.countDown();
                    release.await();
                    return "model";
                },
                shown::add,
                t -> {});
        assertTrue(holding.await(30, TimeUnit.SECONDS), "hang guard");
        service.run(
                Kind.IMAGE,
                () -> "image",
                v -> {
                    shown.add(v);
                    imageDone.countDown();
                },
                t -> {});
        service.cancel(Kind.MODEL);
        assertTrue(service.busyProperty().get(), "the image is still outstanding");
        release.countDown();
        assertTrue(imageDone.await(30, TimeUnit.SECONDS), "hang guard");
        assertEquals(List.of("image"), shown, "a cancelled model load is dropped; another kind is not superseded");
        assertFalse(service.busyProperty().get());
    }
}
