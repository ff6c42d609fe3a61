package dev.foresight.autoscaler.control;

import dev.foresight.autoscaler.decision.RatePolicy;
import dev.foresight.autoscaler.decision.ScalingBehavior;
import dev.foresight.autoscaler.resource.Behavior;
import dev.foresight.autoscaler.resource.PolicyType;
import dev.foresight.autoscaler.resource.ScalingPolicy;
import dev.foresight.autoscaler.resource.ScalingRules;
import java.time.Duration;
import java.util.List;

/**
 * The resource's HPA-shaped {@link Behavior} as the decision core's {@link ScalingBehavior}.
 * {@code selectPolicy: Disabled} is applied by the loop (no change in that direction);
 * {@code Min} is read as {@code Max} because the core's limiter implements {@code Max} only.
 */
final class Behaviors {
    private Behaviors() {
    }

    static ScalingBehavior of(Behavior behavior, int minReplicas, int maxReplicas) {
        return new ScalingBehavior(behavior.tolerance(),
                Duration.ofSeconds(behavior.scaleUp().stabilizationWindowSeconds()),
                Duration.ofSeconds(behavior.scaleDown().stabilizationWindowSeconds()),
                policies(behavior.scaleUp()), policies(behavior.scaleDown()), minReplicas, maxReplicas);
    }

    private static List<RatePolicy> policies(ScalingRules rules) {
        return rules.policies().stream().map(Behaviors::policy).toList();
    }

    private static RatePolicy policy(ScalingPolicy p) {
        Duration period = Duration.ofSeconds(p.periodSeconds());
        return p.type() == PolicyType.Pods ? RatePolicy.pods(p.value(), period) : RatePolicy.percent(p.value(), period);
    }
}
