package dev.foresight.autoscaler.resource;

import java.util.List;

/**
 * How fast and how eagerly replicas may change, shaped like the HPA's {@code behavior}, with the
 * HPA's defaults for whatever is left out.
 *
 * @param scaleUp   rules for increases; default: no stabilisation, at most +100% or +4 pods per
 *                  15 s, whichever is more
 * @param scaleDown rules for decreases; default: 300 s stabilisation, at most -100% per 15 s
 * @param tolerance no change while |1 - load / capacity| stays within this fraction, [0, 1);
 *                  default 0.1
 */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown, Double tolerance) {
    /** The HPA's default scale-up rules. */
    public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(0, SelectPolicy.Max, List.of(
            new ScalingPolicy(PolicyType.Percent, 100, 15),
            new ScalingPolicy(PolicyType.Pods, 4, 15)));
    /** The HPA's default scale-down rules. */
    public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(300, SelectPolicy.Max, List.of(
            new ScalingPolicy(PolicyType.Percent, 100, 15)));
    /** The HPA's default tolerance. */
    public static final double DEFAULT_TOLERANCE = 0.1;
    /** Behaviour when the resource has no {@code behavior} at all. */
    public static final Behavior DEFAULT = new Behavior(null, null, null);

    public Behavior {
        scaleUp = scaleUp == null ? DEFAULT_SCALE_UP : scaleUp.orElse(DEFAULT_SCALE_UP);
        scaleDown = scaleDown == null ? DEFAULT_SCALE_DOWN : scaleDown.orElse(DEFAULT_SCALE_DOWN);
        requireUsable(scaleUp, "behavior.scaleUp");
        requireUsable(scaleDown, "behavior.scaleDown");
        tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("behavior.tolerance must be in [0, 1), was " + tolerance);
        }
    }

    private static void requireUsable(ScalingRules rules, String field) {
        if (rules.selectPolicy() != SelectPolicy.Disabled && rules.policies().isEmpty()) {
            throw new IllegalArgumentException(field + ".policies must not be empty unless selectPolicy is Disabled");
        }
    }
}
