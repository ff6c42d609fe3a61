/**
 * Load forecasting for the autoscaler: the {@link dev.foresight.autoscaler.forecast.Forecaster}
 * seam, its strategies (Holt-Winters with season detection, a Tribuo regression on lagged and
 * calendar features, seasonal-naive and persistence baselines), per-workload model selection by
 * rolling backtest error, and upper-bound (quantile) forecasts of the peak over a horizon.
 *
 * <p>All forecasters consume a regularly spaced series one observation at a time and never look
 * at anything they have not been given, so a replay is causal by construction. Plain Java, no
 * framework; not thread-safe (one instance per workload, driven by one loop).
 */
package dev.foresight.autoscaler.forecast;
