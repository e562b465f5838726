package io.convscope.explain.training;

import java.util.ArrayList;
import java.util.List;

/**
 * A curve that may grow for hours but is drawn with a bounded number of points: past {@link #limit} points,
 * neighbouring pairs are merged (their mean x and y), so the curve keeps its shape at half the resolution and a chart
 * never draws more than {@code limit} points. Used for the batch-by-batch loss; one thread (the FX thread) owns it.
 */
public final class CurvePoints {

    /** One point: x in epochs (fractional within an epoch), y the value. */
    public record Point(double x, double y) {}

    private final int limit;
    private final List<Point> points = new ArrayList<>();
    private long merges;

    public CurvePoints(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points, not " + limit);
        }
        this.limit = limit;
    }

    /** Adds a point; true when the curve was thinned out (a chart must then take all points again). */
    public boolean add(double x, double y) {
        points.add(new Point(x, y));
        if (points.size() <= limit) {
            return false;
        }
        List<Point> merged = new ArrayList<>(points.size() / 2 + 1);
        for (int i = 0; i + 1 < points.size(); i += 2) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            merged.add(new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2));
        }
        if (points.size() % 2 == 1) {
            merged.add(points.get(points.size() - 1));
        }
        points.clear();
        points.addAll(merged);
        merges++;
        return true;
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    public int size() {
        return points.size();
    }

    public Point last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** How many times the curve was thinned out. */
    public long merges() {
        return merges;
    }

    public void clear() {
        points.clear();
        merges = 0;
    }
}
