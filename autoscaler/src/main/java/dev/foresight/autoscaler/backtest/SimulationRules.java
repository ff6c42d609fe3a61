package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.decision.ScalingBehavior;
import java.time.Duration;
import java.util.Objects;

/**
 * The simulation rules shared by every policy (design brief, section 2).
 *
 * @param tick               spacing of simulation ticks (15 s)
 * @param signalWindow       the reactive signal is the mean load over ticks in (t - window, t]
 * @param startupDelay       a replica added at tick t is ready at the first tick &gt;= t + delay
 * @param capacityPerReplica load one ready replica serves
 * @param behavior           stabilisation, rate policies and bounds applied after every proposal
 * @param interpolation      how the load between trace points is read ({@code LINEAR} in the brief)
 */
public record SimulationRules(Duration tick, Duration signalWindow, Duration startupDelay,
                              double capacityPerReplica, ScalingBehavior behavior,
                              Interpolation interpolation) {

    public SimulationRules {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(interpolation, "interpolation");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive");
        }
        if (signalWindow.compareTo(tick) < 0) {
            throw new IllegalArgumentException("signal window must hold at least one tick");
        }
        if (startupDelay.isNegative()) {
            throw new IllegalArgumentException("startup delay must not be negative");
        }
        if (!(capacityPerReplica > 0) || Double.isInfinite(capacityPerReplica)) {
            throw new IllegalArgumentException("capacity must be positive: " + capacityPerReplica);
        }
    }

    /** The brief's rules: 15 s ticks, 60 s signal, Kubernetes default behaviour (min 1). */
    public static SimulationRules standard(Duration startupDelay, double capacityPerReplica) {
        return new SimulationRules(Duration.ofSeconds(15), Duration.ofSeconds(60), startupDelay,
                capacityPerReplica, ScalingBehavior.kubernetesDefaults(), Interpolation.LINEAR);
    }

    public SimulationRules withInterpolation(Interpolation next) {
        return new SimulationRules(tick, signalWindow, startupDelay, capacityPerReplica, behavior, next);
    }

    /** Startup delay in ticks, rounded up. */
    public int delayTicks() {
        long tickMillis = tick.toMillis();
        return (int) ((startupDelay.toMillis() + tickMillis - 1) / tickMillis);
    }

    /** Ticks in the signal window. */
    public int signalTicks() {
        return (int) (signalWindow.toMillis() / tick.toMillis());
    }
}
