package dev.foresight.autoscaler.resource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the controller last observed and decided, written through the status subresource. Fields
 * it has not learnt yet are {@code null}.
 *
 * @param currentReplicas    replicas the target's {@code /scale} reported
 * @param desiredReplicas    replicas the controller decided on (set in {@link Mode#Auto} only)
 * @param forecast           forecast load over the startup delay, in the metric's unit
 * @param chosenModel        name of the forecasting model that produced {@code forecast}
 * @param lastScaleTime      when the controller last changed the target's replica count
 * @param observedGeneration the {@code metadata.generation} of the spec these values come from
 * @param conditions         at most one per {@link ConditionType}; never {@code null}
 */
public record PredictiveAutoscalerStatus(Integer currentReplicas, Integer desiredReplicas, Double forecast,
                                         String chosenModel, Instant lastScaleTime, Long observedGeneration,
                                         List<Condition> conditions) {
    public PredictiveAutoscalerStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (conditions.stream().map(Condition::type).distinct().count() != conditions.size()) {
            throw new IllegalArgumentException("status.conditions has a type more than once: " + conditions);
        }
    }

    /** The condition of the given type, if reported. */
    public Optional<Condition> condition(ConditionType type) {
        return conditions.stream().filter(c -> c.type() == type).findFirst();
    }
}
