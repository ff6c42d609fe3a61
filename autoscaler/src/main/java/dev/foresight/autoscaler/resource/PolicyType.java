package dev.foresight.autoscaler.resource;

/** Unit of a {@link ScalingPolicy}'s value, as in the HPA. */
public enum PolicyType {
    /** An absolute number of replicas. */
    Pods,
    /** A percentage of the current replica count. */
    Percent
}
