package dev.foresight.autoscaler.decision;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * HPA behaviour: tolerance, stabilisation windows, rate policies and bounds, with the defaults of
 * the Kubernetes {@code autoscaling/v2} HorizontalPodAutoscaler.
 *
 * <p>Rate policies of one direction combine like the HPA's {@code selectPolicy: Max}: the policy
 * that allows the largest change wins.
 *
 * @param tolerance               relative band around the target in which the reactive rule keeps
 *                                the current count ({@code 0.1} in Kubernetes)
 * @param scaleUpStabilization    window over which the lowest proposal bounds a scale-up (0 s)
 * @param scaleDownStabilization  window over which the highest proposal bounds a scale-down (300 s)
 * @param scaleUpPolicies         rate limits on increases (4 pods or 100 % per 15 s)
 * @param scaleDownPolicies       rate limits on decreases (100 % per 15 s)
 * @param minReplicas             lower bound, at least 1
 * @param maxReplicas             upper bound
 */
public record ScalingBehavior(
        double tolerance,
        Duration scaleUpStabilization,
        Duration scaleDownStabilization,
        List<RatePolicy> scaleUpPolicies,
        List<RatePolicy> scaleDownPolicies,
        int minReplicas,
        int maxReplicas) {

    public ScalingBehavior {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1): " + tolerance);
        }
        Objects.requireNonNull(scaleUpStabilization, "scaleUpStabilization");
        Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
        if (scaleUpStabilization.isNegative() || scaleDownStabilization.isNegative()) {
            throw new IllegalArgumentException("stabilisation windows must not be negative");
        }
        scaleUpPolicies = List.copyOf(scaleUpPolicies);
        scaleDownPolicies = List.copyOf(scaleDownPolicies);
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException(
                    "need 1 <= minReplicas <= maxReplicas, got " + minReplicas + ".." + maxReplicas);
        }
    }

    /** The Kubernetes defaults, unbounded above. */
    public static ScalingBehavior kubernetesDefaults() {
        Duration period = Duration.ofSeconds(15);
        return new ScalingBehavior(
                0.1,
                Duration.ZERO,
                Duration.ofSeconds(300),
                List.of(RatePolicy.pods(4, period), RatePolicy.percent(100, period)),
                List.of(RatePolicy.percent(100, period)),
                1,
                Integer.MAX_VALUE);
    }

    public ScalingBehavior withBounds(int min, int max) {
        return new ScalingBehavior(tolerance, scaleUpStabilization, scaleDownStabilization,
                scaleUpPolicies, scaleDownPolicies, min, max);
    }
}
