package dev.foresight.autoscaler.forecast;

/** Baseline: the next values equal the last one. */
public final class PersistenceForecaster implements Forecaster {
    private double last = Double.NaN;

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public void observe(long epochSecond, double value) {
        last = value;
    }

    @Override
    public double forecast(int stepsAhead) {
        return last;
    }

    @Override
    public double forecastPeak(int horizonSteps) {
        return last;
    }
}
