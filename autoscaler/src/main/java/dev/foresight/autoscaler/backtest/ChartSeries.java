package dev.foresight.autoscaler.backtest;

import java.util.Arrays;

/**
 * A downsampled series for charts: ticks are grouped into fixed buckets and each bucket keeps its
 * maximum (or minimum), so peaks and dips survive downsampling. NaN values are ignored.
 */
final class ChartSeries {
    private final int bucketTicks;
    private final boolean keepMax;
    private double[] values = new double[256];
    private int buckets;
    private long ticks;

    ChartSeries(int bucketTicks, boolean keepMax) {
        this.bucketTicks = Math.max(1, bucketTicks);
        this.keepMax = keepMax;
    }

    void add(double value) {
        int bucket = (int) (ticks / bucketTicks);
        if (bucket >= buckets) {
            if (bucket >= values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[bucket] = Double.NaN;
            buckets = bucket + 1;
        }
        if (!Double.isNaN(value)) {
            double old = values[bucket];
            values[bucket] = Double.isNaN(old) ? value : keepMax ? Math.max(old, value) : Math.min(old, value);
        }
        ticks++;
    }

    double[] values() {
        return Arrays.copyOf(values, buckets);
    }

    int bucketTicks() {
        return bucketTicks;
    }
}
