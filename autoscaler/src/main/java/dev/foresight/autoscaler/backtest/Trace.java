package dev.foresight.autoscaler.backtest;

import java.util.Arrays;

/**
 * A recorded load trace: strictly increasing times (epoch seconds) and loads (&gt;= 0).
 * Interpolates linearly between points.
 */
public final class Trace {
    private final double[] times;
    private final double[] loads;

    Trace(double[] times, double[] loads) {
        if (times.length != loads.length || times.length < 2) {
            throw new IllegalArgumentException("a trace needs at least two points");
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("trace times must increase strictly (point " + i + ")");
            }
        }
        this.times = times;
        this.loads = loads;
    }

    public static Trace of(double[] epochSeconds, double[] loads) {
        return new Trace(epochSeconds.clone(), loads.clone());
    }

    public int size() {
        return times.length;
    }

    public double start() {
        return times[0];
    }

    public double end() {
        return times[times.length - 1];
    }

    /** Quantile (nearest rank, {@code q} in (0, 1]) of the recorded load values. */
    public double quantile(double q) {
        double[] sorted = loads.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Cursor that interpolates linearly at non-decreasing times in amortised O(1). */
    Cursor cursor() {
        return new Cursor(Interpolation.LINEAR);
    }

    /** Cursor that reads the load at non-decreasing times in amortised O(1). */
    Cursor cursor(Interpolation interpolation) {
        return new Cursor(interpolation);
    }

    final class Cursor {
        private final boolean step;
        private int segment;

        private Cursor(Interpolation interpolation) {
            this.step = interpolation == Interpolation.STEP;
        }

        double loadAt(double t) {
            while (segment < times.length - 2 && times[segment + 1] <= t) {
                segment++;
            }
            double t0 = times[segment];
            double t1 = times[segment + 1];
            double f = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
            if (step) {
                return f >= 1 ? loads[segment + 1] : loads[segment];
            }
            return loads[segment] + f * (loads[segment + 1] - loads[segment]);
        }
    }
}
