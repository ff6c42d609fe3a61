package dev.foresight.autoscaler.backtest;

/**
 * A scaling policy under test. Called once per tick, in order; may keep state between ticks but
 * must use only what it has been shown (the backtest checks causality by truncation).
 */
public interface ScalingPolicy {

    /** Name in reports, e.g. {@code hpa} or {@code predictive}. */
    String name();

    /** Target utilisation, used for the initial count {@code ceil(L0 / (C * u))}. */
    double targetUtilization();

    /** Raw proposal for this tick, before stabilisation, rate policies and bounds. */
    int propose(TickView tick);

    /**
     * The point forecast this policy made one decision horizon ago for the current tick's load,
     * for the timeline and the forecast-vs-actual chart; NaN when the policy does not forecast.
     */
    default double forecastForThisTick() {
        return Double.NaN;
    }

    /** Upper bound of the peak that this policy provisioned for at this tick; NaN when none. */
    default double upperBound() {
        return Double.NaN;
    }
}
