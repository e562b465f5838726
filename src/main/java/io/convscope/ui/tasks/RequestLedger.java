package io.convscope.ui.tasks;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which engine requests still count, with no threads and no screen: each kind of request has a generation, a newer
 * request supersedes the older ones of its kind (their results are dropped), and the window is busy while the latest
 * request of any busy-showing kind has not finished. Thread-safe.
 */
public final class RequestLedger {

    /** What a request does; requests of one kind supersede each other, other kinds run on. */
    public enum Kind {
        /** A model file or the bundled model. */
        MODEL(true),
        /** An image through the current model. */
        IMAGE(true),
        /** A zoo preset: it shows its own progress and cancel button instead of the busy bar. */
        PRESET(false),
        /** An attribution map (or a comparison of several) for the attribution view: it shows its own progress. */
        ATTRIBUTION(false),
        /** One occluded copy of the image, while the student drags the grey square: only the latest counts. */
        OCCLUSION_PROBE(false),
        /** The sanity check's cascade of randomised layers. */
        SANITY(false);

        final boolean showsBusy;

        Kind(boolean showsBusy) {
            this.showsBusy = showsBusy;
        }
    }

    private final Map<Kind, Long> latest = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> finished = new EnumMap<>(Kind.class);

    /** A new request of {@code kind}: its generation, newer than every earlier one of that kind. */
    synchronized long begin(Kind kind) {
        long generation = latest.getOrDefault(kind, 0L) + 1;
        latest.put(kind, generation);
        return generation;
    }

    /** Whether no newer request of its kind has begun since this one. */
    synchronized boolean isLatest(Kind kind, long generation) {
        return latest.getOrDefault(kind, 0L) == generation;
    }

    /**
     * A request ended (result, failure or cancellation); true when it was the latest of its kind, so its result is the
     * one to show. A superseded request ending changes nothing.
     */
    synchronized boolean finish(Kind kind, long generation) {
        if (!isLatest(kind, generation)) {
            return false;
        }
        finished.put(kind, generation);
        return true;
    }

    /** Whether the latest request of a busy-showing kind is still outstanding. */
    synchronized boolean busy() {
        for (Kind kind : Kind.values()) {
            if (kind.showsBusy && outstanding(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the latest request of {@code kind} has not finished yet. */
    synchronized boolean outstanding(Kind kind) {
        return latest.getOrDefault(kind, 0L) > finished.getOrDefault(kind, 0L);
    }
}
