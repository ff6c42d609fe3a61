package dev.foresight.autoscaler.control;

import java.time.Duration;

/**
 * Settings shared by every control loop.
 *
 * @param syncPeriod      how often each target is evaluated (15 s)
 * @param history         how much past load to read when a loop starts (7 days)
 * @param maxHistoryPoints bound on the points of that history (and so on the forecast step:
 *                        {@code max(syncPeriod, history / maxHistoryPoints)})
 */
public record LoopSettings(Duration syncPeriod, Duration history, int maxHistoryPoints) {
    public LoopSettings {
        if (syncPeriod.toMillis() < 100) {
            throw new IllegalArgumentException("sync period must be at least 100 ms: " + syncPeriod);
        }
        if (history.isNegative()) {
            throw new IllegalArgumentException("history must not be negative: " + history);
        }
        if (maxHistoryPoints < 2) {
            throw new IllegalArgumentException("maxHistoryPoints must be at least 2");
        }
    }

    public static LoopSettings defaults() {
        return new LoopSettings(Duration.ofSeconds(15), Duration.ofDays(7), 10_000);
    }

    /** Spacing of the forecaster's observations, whole seconds. */
    public long forecastStepSeconds() {
        long sync = Math.max(1, (long) Math.ceil(syncPeriod.toMillis() / 1000.0));
        long fit = (long) Math.ceil(history.toSeconds() / (double) maxHistoryPoints);
        return Math.max(sync, fit);
    }
}
