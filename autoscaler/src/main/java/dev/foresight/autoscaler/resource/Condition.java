package dev.foresight.autoscaler.resource;

import java.time.Instant;

/**
 * One observed condition of a {@code PredictiveAutoscaler}, in the standard Kubernetes shape.
 *
 * @param type               which condition
 * @param status             True, False or Unknown
 * @param reason             one CamelCase word for machines, e.g. {@code PrometheusUnavailable}
 * @param message            a sentence for people; may be empty
 * @param lastTransitionTime when {@code status} last changed (RFC 3339 on the wire)
 */
public record Condition(ConditionType type, ConditionStatus status, String reason, String message,
                        Instant lastTransitionTime) {
    public Condition {
        Validation.require(type, "conditions[].type");
        Validation.require(status, "conditions[].status");
        Validation.requireText(reason, "conditions[].reason");
        message = message == null ? "" : message;
        Validation.require(lastTransitionTime, "conditions[].lastTransitionTime");
    }
}
