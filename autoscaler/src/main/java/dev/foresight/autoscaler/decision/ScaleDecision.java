package dev.foresight.autoscaler.decision;

import java.util.List;

/**
 * What the {@link ReplicaCalculator} proposes, and why.
 *
 * @param replicas          the proposed count (before stabilisation and rate policies, which
 *                          {@link BehaviorLimiter} applies)
 * @param reactiveReplicas  what the Kubernetes HPA rule alone proposes; {@code replicas} is never
 *                          below it (except where {@code maxReplicas} clamps both)
 * @param forecastReplicas  count whose ready capacity covers the forecast upper bound at the peak
 *                          utilisation, or -1 when no forecast was used
 * @param model             forecaster whose output was used, or {@code "none"}
 * @param forecastPeak      point forecast of the peak load over the horizon (NaN when none)
 * @param forecastUpper     upper bound of that peak at the configured risk (NaN when none)
 * @param guardrail         true when the accuracy guardrail forced the reactive proposal
 * @param reasons           human-readable reasons, in the order they were applied
 */
public record ScaleDecision(
        int replicas,
        int reactiveReplicas,
        int forecastReplicas,
        String model,
        double forecastPeak,
        double forecastUpper,
        boolean guardrail,
        List<String> reasons) {

    public ScaleDecision {
        reasons = List.copyOf(reasons);
    }
}
