package dev.foresight.autoscaler.forecast;

import java.util.Random;
import java.util.function.LongToDoubleFunction;

/** Known synthetic load series for forecaster tests. */
final class Series {
    /** Monday 2024-01-01 00:00:00 UTC. */
    static final long MONDAY = 1_704_067_200L;

    private Series() {
    }

    /** Daily sine between 50 and 150, peak at 12:00 UTC. */
    static double daily(long t) {
        double hour = Math.floorMod(t, 86_400) / 3600.0;
        return 100 - 50 * Math.cos(2 * Math.PI * hour / 24);
    }

    /** Same level every day but weekends at a fifth of weekdays, with a mild daily shape. */
    static double weekly(long t) {
        long day = Math.floorDiv(t - MONDAY, 86_400);
        boolean weekend = Math.floorMod(day, 7) >= 5;
        return (weekend ? 20 : 100) + 5 * Math.sin(2 * Math.PI * Math.floorMod(t, 86_400) / 86_400.0);
    }

    static LongToDoubleFunction noisy(LongToDoubleFunction f, double sd, long seed) {
        Random r = new Random(seed);
        return t -> Math.max(0, f.applyAsDouble(t) + r.nextGaussian() * sd);
    }

    /** Feeds {@code steps} observations starting at {@code start}. */
    static void feed(Forecaster forecaster, LongToDoubleFunction f, long start, long stepSeconds, int steps) {
        for (int i = 0; i < steps; i++) {
            long t = start + i * stepSeconds;
            forecaster.observe(t, f.applyAsDouble(t));
        }
    }
}
