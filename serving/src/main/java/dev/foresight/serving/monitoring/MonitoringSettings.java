package dev.foresight.serving.monitoring;

import java.time.Duration;

/**
 * How models are monitored.
 *
 * @param windowRequests  the window by count holds about this many requests
 * @param windowDuration  the window by time covers about this long
 * @param panes           panes per window (a window slides by one pane)
 * @param profileRequests a model version without a {@code profile.json} takes its first this many
 *                        requests as its reference
 * @param alpha           false-alarm rate of a model's drift flag on a window drawn from its
 *                        reference (split evenly over its features)
 * @param psiThreshold    a feature drifts only when its PSI is also above this (0.25: the usual
 *                        "significant shift" band)
 * @param minObservations a feature is scored once its window holds this many rows
 * @param queueCapacity   answered requests waiting to be counted; more are dropped and counted
 * @param sampleRate      share of answered requests monitored, in (0, 1]
 */
public record MonitoringSettings(int windowRequests, Duration windowDuration, int panes, int profileRequests,
                                 double alpha, double psiThreshold, int minObservations, int queueCapacity,
                                 double sampleRate) {
    /** Values kept per numeric feature while a profile is built from requests. */
    public static final int RESERVOIR_VALUES = 65_536;

    public MonitoringSettings {
        require(windowRequests >= 1, "window requests must be at least 1");
        require(windowDuration != null && !windowDuration.isNegative() && !windowDuration.isZero(),
                "window duration must be positive");
        require(panes >= 1 && panes <= 1000, "panes must be 1 to 1000");
        require(profileRequests >= 1, "profile requests must be at least 1");
        require(alpha > 0 && alpha < 1, "alpha must be in (0, 1)");
        require(psiThreshold >= 0, "psi threshold must not be negative");
        require(minObservations >= 1, "min observations must be at least 1");
        require(queueCapacity >= 1, "queue capacity must be at least 1");
        require(sampleRate > 0 && sampleRate <= 1, "sample rate must be in (0, 1]");
    }

    /** The defaults: 1,000 requests and 10 minutes, 10 panes, a profile from 1,000 requests, alpha 1%. */
    public static MonitoringSettings defaults() {
        return new MonitoringSettings(1000, Duration.ofMinutes(10), 10, 1000, 0.01, 0.25, 100, 4096, 1.0);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
