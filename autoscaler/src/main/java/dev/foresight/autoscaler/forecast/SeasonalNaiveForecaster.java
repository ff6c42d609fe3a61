package dev.foresight.autoscaler.forecast;

/**
 * Baseline: the value one season ago at the same phase, the season found by a
 * {@link SeasonDetector}. Before a season is found (or held in history) it is persistence.
 */
public final class SeasonalNaiveForecaster implements Forecaster {
    private final long stepSeconds;
    private final SeasonDetector detector = new SeasonDetector();
    private final StepHistory history;

    /** @param stepSeconds spacing of the observations */
    public SeasonalNaiveForecaster(long stepSeconds) {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("step must be positive: " + stepSeconds);
        }
        this.stepSeconds = stepSeconds;
        this.history = new StepHistory((int) (Season.WEEKLY.seconds() / stepSeconds) + 1);
    }

    @Override
    public String name() {
        return "seasonal-naive";
    }

    /** The season currently used ({@link Season#NONE} means persistence). */
    public Season season() {
        return detector.season();
    }

    @Override
    public void observe(long epochSecond, double value) {
        detector.observe(epochSecond, value);
        history.add(value);
    }

    @Override
    public double forecast(int stepsAhead) {
        if (history.count() == 0) {
            return Double.NaN;
        }
        Season season = detector.season();
        if (season != Season.NONE) {
            int back = (int) (season.seconds() / stepSeconds) - stepsAhead;
            if (back >= 0 && history.has(back)) {
                return history.get(back);
            }
        }
        return history.get(0);
    }
}
