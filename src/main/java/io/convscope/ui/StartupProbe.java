package io.convscope.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.lang.management.ManagementFactory;

/**
 * Start-up timing for the README's figures: with {@code -Dconvscope.startupProbe=true} the app prints how long after
 * JVM start its first frame was drawn and its first prediction shown (and the wall-clock time of the latter), then
 * quits.
 */
final class StartupProbe {

    static final boolean ENABLED = Boolean.getBoolean("convscope.startupProbe");

    private StartupProbe() {}

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Call once the stage is shown: reports at the first rendered pulse. */
    static void windowShown() {
        if (!ENABLED) {
            return;
        }
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                System.out.println("startup: first frame drawn " + sinceJvmStart() + " ms after JVM start");
            }
        }.start();
    }

    static void predictionShown() {
        if (ENABLED) {
            // The wall clock too, so a script can count from its own start, the launcher's part included.
            System.out.println("startup: first prediction shown " + sinceJvmStart() + " ms after JVM start (at "
                    + System.currentTimeMillis() + " ms)");
            Platform.exit();
        }
    }
}
