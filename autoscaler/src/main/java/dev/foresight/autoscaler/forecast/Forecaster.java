package dev.foresight.autoscaler.forecast;

/**
 * Forecasts a regularly spaced load series, one step at a time.
 *
 * <p>Contract: {@link #observe} is called once per step, with strictly increasing times spaced by
 * the step the forecaster was built for; {@link #forecast} may be called at any point after the
 * first observation and must use only what was observed. Implementations degrade gracefully on
 * short histories (they never throw for lack of data; they fall back to simpler behaviour).
 * Not thread-safe.
 */
public interface Forecaster {

    /** Short stable name used in decisions, reports and selection, e.g. {@code holt-winters}. */
    String name();

    /**
     * @param epochSecond time of the observation (UTC seconds)
     * @param value       load at that time, &gt;= 0
     */
    void observe(long epochSecond, double value);

    /**
     * Point forecast of the value {@code stepsAhead} steps after the last observation.
     *
     * @param stepsAhead at least 1
     * @return the forecast, &gt;= 0; NaN before the first observation
     */
    double forecast(int stepsAhead);

    /** Largest point forecast over steps 1..{@code horizonSteps}. */
    default double forecastPeak(int horizonSteps) {
        double peak = Double.NaN;
        for (int k = 1; k <= horizonSteps; k++) {
            double f = forecast(k);
            if (!(f <= peak)) {
                peak = f;
            }
        }
        return peak;
    }
}
