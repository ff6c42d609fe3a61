package dev.foresight.autoscaler.decision;

/**
 * The Kubernetes HPA replica rule for one utilisation-style metric.
 *
 * <p>{@code ratio = signal / (current * capacity * target)}; keep {@code current} when
 * {@code |1 - ratio| <= tolerance}, otherwise {@code ceil(signal / (capacity * target))}.
 * Pure and allocation free.
 */
public final class ReactiveRule {
    private ReactiveRule() {
    }

    /**
     * @param signal            observed load (averaged the way the metric source averages it)
     * @param current           replicas currently requested, at least 1
     * @param capacityPerReplica load one ready replica serves, same unit as {@code signal}
     * @param targetUtilization target fraction of capacity, in (0, 1]
     * @param tolerance         relative dead band, e.g. 0.1
     * @return the proposed replica count, at least 0 (bounds are applied later)
     */
    public static int propose(double signal, int current, double capacityPerReplica,
                              double targetUtilization, double tolerance) {
        double perReplica = capacityPerReplica * targetUtilization;
        if (current > 0) {
            double ratio = signal / (current * perReplica);
            if (Math.abs(1.0 - ratio) <= tolerance) {
                return current;
            }
        }
        return (int) Math.ceil(signal / perReplica);
    }
}
