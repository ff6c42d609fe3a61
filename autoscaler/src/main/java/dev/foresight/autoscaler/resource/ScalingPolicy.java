package dev.foresight.autoscaler.resource;

/**
 * One rate limit on changes in one direction, as in the HPA: at most {@code value} replicas (or
 * percent of the current count) per {@code periodSeconds}.
 *
 * @param type          {@link PolicyType#Pods} or {@link PolicyType#Percent}
 * @param value         the amount, at least 1
 * @param periodSeconds the window the amount applies to, 1..1800 seconds
 */
public record ScalingPolicy(PolicyType type, int value, int periodSeconds) {
    /** Largest period the HPA accepts; kept the same here. */
    public static final int MAX_PERIOD_SECONDS = 1800;

    public ScalingPolicy {
        Validation.require(type, "policies[].type");
        Validation.atLeast(value, 1, "policies[].value");
        Validation.atLeast(periodSeconds, 1, "policies[].periodSeconds");
        if (periodSeconds > MAX_PERIOD_SECONDS) {
            throw new IllegalArgumentException(
                    "policies[].periodSeconds must be <= " + MAX_PERIOD_SECONDS + ", was " + periodSeconds);
        }
    }
}
