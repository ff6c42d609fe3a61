package dev.foresight.autoscaler.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * One HPA rate policy: at most {@code value} pods (or {@code value} percent of the count at the
 * start of the period) added or removed per {@code period}, as in
 * {@code spec.behavior.scaleUp.policies} of an {@code autoscaling/v2} HorizontalPodAutoscaler.
 */
public record RatePolicy(Kind kind, int value, Duration period) {

    /** Whether {@link #value} counts pods or percent. */
    public enum Kind { PODS, PERCENT }

    public RatePolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
        if (value <= 0) {
            throw new IllegalArgumentException("rate policy value must be positive: " + value);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate policy period must be positive: " + period);
        }
    }

    public static RatePolicy pods(int pods, Duration period) {
        return new RatePolicy(Kind.PODS, pods, period);
    }

    public static RatePolicy percent(int percent, Duration period) {
        return new RatePolicy(Kind.PERCENT, percent, period);
    }

    /** The most replicas this policy allows to change, from {@code base} at the period start. */
    int allowedChange(int base) {
        return kind == Kind.PODS ? value : (int) Math.ceil(base * value / 100.0);
    }
}
