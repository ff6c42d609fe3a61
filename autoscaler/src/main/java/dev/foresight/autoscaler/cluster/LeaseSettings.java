package dev.foresight.autoscaler.cluster;

import java.time.Duration;

/**
 * Timing of leader election, as client-go's leader election names it.
 *
 * @param leaseDuration how long a lease holds without renewal before others may take it (15 s)
 * @param renewDeadline a leader that has not renewed within this stops acting (10 s); shorter than
 *                      {@code leaseDuration}, so it stops before anyone else may start
 * @param retryPeriod   how often to try to acquire or renew (2 s)
 */
public record LeaseSettings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public LeaseSettings {
        if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0
                || retryPeriod.isZero() || retryPeriod.isNegative()) {
            throw new IllegalArgumentException(
                    "need 0 < retryPeriod < renewDeadline < leaseDuration: " + this);
        }
    }

    /** client-go's defaults: 15 s, 10 s, 2 s. */
    public static LeaseSettings defaults() {
        return new LeaseSettings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}
