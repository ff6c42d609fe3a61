package dev.foresight.autoscaler.resource;

import java.util.List;

/**
 * Rules for one direction (up or down), shaped like the HPA's {@code HPAScalingRules}. Any field
 * may be {@code null} here; {@link Behavior} fills the missing ones from the HPA's defaults for
 * its direction, so rules read from {@link Behavior#scaleUp()} or {@link Behavior#scaleDown()}
 * are always complete.
 *
 * @param stabilizationWindowSeconds look-back window, 0..3600 s: scaling down never goes below the
 *                                   highest recommendation inside it (scaling up: the lowest)
 * @param selectPolicy               which policy wins, or {@link SelectPolicy#Disabled}
 * @param policies                   rate limits; may be empty only with {@code Disabled}
 */
public record ScalingRules(Integer stabilizationWindowSeconds, SelectPolicy selectPolicy,
                           List<ScalingPolicy> policies) {
    /** Largest stabilisation window the HPA accepts; kept the same here. */
    public static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;

    public ScalingRules {
        if (stabilizationWindowSeconds != null) {
            Validation.atLeast(stabilizationWindowSeconds, 0, "stabilizationWindowSeconds");
            if (stabilizationWindowSeconds > MAX_STABILIZATION_WINDOW_SECONDS) {
                throw new IllegalArgumentException("stabilizationWindowSeconds must be <= "
                        + MAX_STABILIZATION_WINDOW_SECONDS + ", was " + stabilizationWindowSeconds);
            }
        }
        policies = policies == null ? null : List.copyOf(policies);
    }

    /** These rules with every {@code null} field taken from {@code defaults}. */
    ScalingRules orElse(ScalingRules defaults) {
        return new ScalingRules(
                stabilizationWindowSeconds != null ? stabilizationWindowSeconds : defaults.stabilizationWindowSeconds,
                selectPolicy != null ? selectPolicy : defaults.selectPolicy,
                policies != null ? policies : defaults.policies);
    }
}
