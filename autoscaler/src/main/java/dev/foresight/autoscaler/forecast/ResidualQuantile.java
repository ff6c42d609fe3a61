package dev.foresight.autoscaler.forecast;

import java.util.Arrays;

/**
 * Empirical quantile of the most recent values of a series (here: relative forecast errors),
 * recomputed lazily at most once every {@code refreshEvery} additions. Not thread-safe.
 */
final class ResidualQuantile {
    private final double[] window;
    private final double[] sorted;
    private final int refreshEvery;
    private int size;
    private int next;
    private int sinceRefresh;
    private double quantileLevel = Double.NaN;
    private double cached = Double.NaN;

    ResidualQuantile(int windowSize, int refreshEvery) {
        this.window = new double[windowSize];
        this.sorted = new double[windowSize];
        this.refreshEvery = refreshEvery;
    }

    void add(double value) {
        window[next] = value;
        next = (next + 1) % window.length;
        size = Math.min(size + 1, window.length);
        sinceRefresh++;
    }

    int size() {
        return size;
    }

    /** The {@code q} quantile (nearest rank) of the values held; NaN when empty. */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        if (q != quantileLevel || sinceRefresh >= refreshEvery || Double.isNaN(cached)) {
            System.arraycopy(window, 0, sorted, 0, size);
            Arrays.sort(sorted, 0, size);
            int rank = (int) Math.ceil(q * size) - 1;
            cached = sorted[Math.max(0, Math.min(size - 1, rank))];
            quantileLevel = q;
            sinceRefresh = 0;
        }
        return cached;
    }
}
