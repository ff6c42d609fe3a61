package dev.foresight.autoscaler.decision;

/**
 * Fixed inputs of the {@link ReplicaCalculator} for one scaled workload.
 *
 * @param capacityPerReplica load one ready replica serves (same unit as the signal), &gt; 0
 * @param targetUtilization  the reactive rule's target fraction of capacity, in (0, 1]
 * @param peakUtilization    fraction of capacity the forecast upper bound of the peak may use,
 *                           in (0, 1]; 1 means "ready capacity just covers the upper bound"
 * @param tolerance          the reactive rule's dead band (0.1 in Kubernetes); decreases smaller
 *                           than this fraction are not made
 * @param scaleUpHeadroom    when the forecast asks for a scale-up, ask for this fraction more
 *                           (fewer, larger steps), &gt;= 0
 * @param maxForecastError   accuracy guardrail: above this recent relative error of the forecast
 *                           the calculator uses the reactive proposal alone
 * @param minReplicas        lower bound, at least 1
 * @param maxReplicas        upper bound
 */
public record CalculatorSettings(
        double capacityPerReplica,
        double targetUtilization,
        double peakUtilization,
        double tolerance,
        double scaleUpHeadroom,
        double maxForecastError,
        int minReplicas,
        int maxReplicas) {

    public CalculatorSettings {
        if (!(capacityPerReplica > 0) || Double.isInfinite(capacityPerReplica)) {
            throw new IllegalArgumentException("capacity per replica must be positive: " + capacityPerReplica);
        }
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("target utilisation must be in (0, 1]: " + targetUtilization);
        }
        if (!(peakUtilization > 0 && peakUtilization <= 1)) {
            throw new IllegalArgumentException("peak utilisation must be in (0, 1]: " + peakUtilization);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1): " + tolerance);
        }
        if (!(scaleUpHeadroom >= 0) || Double.isInfinite(scaleUpHeadroom)) {
            throw new IllegalArgumentException("scale-up headroom must be >= 0: " + scaleUpHeadroom);
        }
        if (!(maxForecastError > 0)) {
            throw new IllegalArgumentException("max forecast error must be positive: " + maxForecastError);
        }
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException(
                    "need 1 <= minReplicas <= maxReplicas, got " + minReplicas + ".." + maxReplicas);
        }
    }

    /**
     * Defaults for a capacity and target: peak utilisation 1, tolerance 0.1, no scale-up
     * headroom, guardrail 0.5, replicas 1 and up.
     */
    public static CalculatorSettings of(double capacityPerReplica, double targetUtilization) {
        return new CalculatorSettings(capacityPerReplica, targetUtilization, 1.0, 0.1, 0.0, 0.5, 1,
                Integer.MAX_VALUE);
    }
}
