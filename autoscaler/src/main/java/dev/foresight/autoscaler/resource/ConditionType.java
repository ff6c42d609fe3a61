package dev.foresight.autoscaler.resource;

/** The conditions a {@code PredictiveAutoscaler} reports, named as the HPA names its own. */
public enum ConditionType {
    /** The target can be read and scaled (false: missing, not scalable, API errors). */
    AbleToScale,
    /** The metric is being read and decisions are made from it (false: no usable load data). */
    ScalingActive,
    /** The metric has failed {@code fallback.failureThreshold} times in a row; fallback replicas apply. */
    FallbackActive
}
