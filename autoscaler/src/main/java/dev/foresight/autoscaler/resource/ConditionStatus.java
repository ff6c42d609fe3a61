package dev.foresight.autoscaler.resource;

/** Status of a condition, as every Kubernetes condition spells it. */
public enum ConditionStatus {
    True,
    False,
    Unknown
}
