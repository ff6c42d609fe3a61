package dev.foresight.autoscaler.forecast;

/**
 * Forecast of the peak load over a horizon, with an upper bound at a chosen risk.
 *
 * @param model          name of the forecaster that produced it
 * @param horizonSeconds the horizon covered (startup delay plus one decision period)
 * @param peak           point forecast of the highest load over the horizon
 * @param upper          upper bound: the peak scaled by the target quantile of recent relative
 *                       errors, never below {@code peak}
 * @param recentError    recent relative absolute error of this model's peak forecasts
 * @param usable         false while the forecast has not been checked against enough actuals
 */
public record PeakForecast(String model, long horizonSeconds, double peak, double upper,
                           double recentError, boolean usable) {

    /** No forecast: the reactive rule decides alone. */
    public static PeakForecast none() {
        return new PeakForecast("none", 0, Double.NaN, Double.NaN, Double.NaN, false);
    }
}
