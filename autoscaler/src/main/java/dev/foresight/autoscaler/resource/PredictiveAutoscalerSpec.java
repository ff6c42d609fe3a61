package dev.foresight.autoscaler.resource;

import java.time.Duration;

/**
 * The desired state of one {@code PredictiveAutoscaler}: which workload, between which bounds,
 * driven by which load metric, how fast, and in which mode. Optional fields may be {@code null};
 * they get the defaults written below, the same as the CRD's schema declares.
 *
 * @param scaleTargetRef    the workload to scale (required)
 * @param minReplicas       lower bound, at least 1; default 1
 * @param maxReplicas       upper bound, at least {@code minReplicas} (required)
 * @param metric            the load query and the capacity of one replica (required)
 * @param targetUtilization fraction of a replica's capacity to plan for, in (0, 1]; default 0.7
 * @param startupDelay      time from asking for a replica until it serves; the forecast looks this
 *                          far ahead so replicas are ready in time; default 60 s
 * @param behavior          rate limits and stabilisation; default the HPA's
 * @param mode              {@link Mode#Auto} (default) or {@link Mode#ForecastOnly}
 * @param fallback          what to do when the metric is unreadable; {@code null} means hold the
 *                          current count for as long as it lasts
 */
public record PredictiveAutoscalerSpec(ScaleTargetRef scaleTargetRef, Integer minReplicas, int maxReplicas,
                                       MetricSpec metric, Double targetUtilization, Duration startupDelay,
                                       Behavior behavior, Mode mode, Fallback fallback) {
    /** Default {@link #minReplicas()}. */
    public static final int DEFAULT_MIN_REPLICAS = 1;
    /** Default {@link #targetUtilization()}. */
    public static final double DEFAULT_TARGET_UTILIZATION = 0.7;
    /** Default {@link #startupDelay()}. */
    public static final Duration DEFAULT_STARTUP_DELAY = Duration.ofSeconds(60);
    /** Default {@link #mode()}. */
    public static final Mode DEFAULT_MODE = Mode.Auto;

    public PredictiveAutoscalerSpec {
        Validation.require(scaleTargetRef, "scaleTargetRef");
        Validation.require(metric, "metric");
        minReplicas = minReplicas == null ? DEFAULT_MIN_REPLICAS : minReplicas;
        Validation.atLeast(minReplicas, 1, "minReplicas");
        Validation.atLeast(maxReplicas, minReplicas, "maxReplicas");
        targetUtilization = targetUtilization == null ? DEFAULT_TARGET_UTILIZATION : targetUtilization;
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be in (0, 1], was " + targetUtilization);
        }
        startupDelay = startupDelay == null ? DEFAULT_STARTUP_DELAY : startupDelay;
        if (startupDelay.isNegative()) {
            throw new IllegalArgumentException("startupDelay must not be negative, was " + startupDelay);
        }
        behavior = behavior == null ? Behavior.DEFAULT : behavior;
        mode = mode == null ? DEFAULT_MODE : mode;
        if (fallback != null && fallback.replicas() > maxReplicas) {
            throw new IllegalArgumentException("fallback.replicas must be <= maxReplicas (" + maxReplicas
                    + "), was " + fallback.replicas());
        }
    }

    /** Load one replica should carry: {@code metric.targetPerReplica * targetUtilization}. */
    public double plannedLoadPerReplica() {
        return metric.targetPerReplica() * targetUtilization;
    }
}
