package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.decision.ReactiveRule;
import java.util.Locale;

/** The Kubernetes HPA rule on the reactive signal, at one target utilisation. */
public final class HpaPolicy implements ScalingPolicy {
    private final String name;
    private final double capacityPerReplica;
    private final double targetUtilization;
    private final double tolerance;

    public HpaPolicy(String name, double capacityPerReplica, double targetUtilization, double tolerance) {
        this.name = name;
        this.capacityPerReplica = capacityPerReplica;
        this.targetUtilization = targetUtilization;
        this.tolerance = tolerance;
    }

    /** Named {@code hpa@0.55} style, for utilisation sweeps. */
    public static HpaPolicy atUtilization(double capacityPerReplica, double targetUtilization, double tolerance) {
        return new HpaPolicy(String.format(Locale.ROOT, "hpa@%.2f", targetUtilization),
                capacityPerReplica, targetUtilization, tolerance);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double targetUtilization() {
        return targetUtilization;
    }

    @Override
    public int propose(TickView tick) {
        return ReactiveRule.propose(tick.signal(), tick.requested(), capacityPerReplica,
                targetUtilization, tolerance);
    }
}
