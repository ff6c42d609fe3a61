package dev.foresight.autoscaler.resource;

/**
 * What to do when the metric cannot be read (Prometheus down, slow, empty, NaN, garbage). Before
 * the threshold the controller holds the current count; from the threshold on it sets
 * {@code replicas}.
 *
 * @param replicas          replica count to set while the metric stays unreadable, at least 1
 * @param failureThreshold  consecutive failed syncs before falling back, at least 1; default 3
 * @param neverBelowCurrent when true (default) the fallback only ever raises the count, so a
 *                          metric outage never scales a busy workload down
 */
public record Fallback(int replicas, Integer failureThreshold, Boolean neverBelowCurrent) {
    /** Default {@link #failureThreshold()}. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public Fallback {
        Validation.atLeast(replicas, 1, "fallback.replicas");
        failureThreshold = failureThreshold == null ? DEFAULT_FAILURE_THRESHOLD : failureThreshold;
        Validation.atLeast(failureThreshold, 1, "fallback.failureThreshold");
        neverBelowCurrent = neverBelowCurrent == null ? Boolean.TRUE : neverBelowCurrent;
    }
}
