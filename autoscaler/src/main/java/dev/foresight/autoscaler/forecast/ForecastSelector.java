package dev.foresight.autoscaler.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-workload model selection by rolling backtest error, and the upper-bound peak forecast.
 *
 * <p>Every step, each candidate forecaster's peak forecast over the next {@code horizonSteps} is
 * recorded; when those steps have been observed the forecast is scored against the actual peak.
 * Errors are exponentially weighted over about {@code errorWindowSteps}, so selection is
 * re-evaluated as data arrives and follows changes of regime; a challenger must beat the current
 * model by {@code switchMargin} to take over, which avoids flapping between near-equal models.
 *
 * <p>The upper bound is the selected model's peak scaled by the {@code quantile} of its recent
 * relative errors ({@code actual / forecast - 1}), i.e. the risk knob: 0.5 provisions for the
 * median outcome, 0.95 for all but one horizon in twenty. Everything here uses only observed
 * values, so replays are causal. Not thread-safe.
 */
public final class ForecastSelector {

    /**
     * @param stepSeconds      spacing of the observations
     * @param horizonSteps     steps covered by the peak forecast (startup delay plus one period)
     * @param quantile         risk knob: quantile of recent relative errors added as headroom
     * @param errorWindowSteps effective length of the exponentially weighted error
     * @param residualWindow   relative errors kept for the quantile (one every 4 scored steps)
     * @param warmupSteps      scored forecasts needed before the forecast is usable
     * @param switchMargin     relative improvement a challenger needs to be selected
     */
    public record Settings(long stepSeconds, int horizonSteps, double quantile, int errorWindowSteps,
                           int residualWindow, int warmupSteps, double switchMargin) {
        public Settings {
            if (stepSeconds <= 0 || horizonSteps < 1 || !(quantile > 0 && quantile < 1)
                    || errorWindowSteps < 1 || residualWindow < 1 || warmupSteps < 0
                    || !(switchMargin >= 0 && switchMargin < 1)) {
                throw new IllegalArgumentException("invalid selector settings");
            }
        }
    }

    /** Accumulated accuracy of one candidate, for reports. */
    public record ModelScore(String model, double pointError, double peakError, double recentError,
                             long scored, long selectedSteps) {
    }

    /** Residuals kept: one every this many scored steps (neighbours are nearly identical). */
    private static final int RESIDUAL_EVERY = 4;
    /** Quantile recomputed after this many kept residuals. */
    private static final int RESIDUAL_REFRESH = 20;

    private final List<Forecaster> models;
    private final Settings settings;
    private final int n;
    private final StepHistory actuals;
    private final double[][] pendingPeak;
    private final double[][] pendingPoint;
    private final double[] errorEwma;
    private final double[] levelEwma;
    private final double[] sumPointError;
    private final double[] sumPeakError;
    private final long[] selectedSteps;
    private final ResidualQuantile[] residuals;
    private final int[] pendingSelected;
    private double sumSelectedPointError;
    private double sumSelectedPeakError;
    private double sumActual;
    private double sumActualPeak;
    private long scored;
    private long steps;
    private int selected;

    public ForecastSelector(List<Forecaster> models, Settings settings) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("need at least one forecaster");
        }
        this.models = List.copyOf(models);
        this.settings = settings;
        this.n = models.size();
        int h = settings.horizonSteps();
        this.actuals = new StepHistory(h + 1);
        this.pendingPeak = new double[n][h + 1];
        this.pendingPoint = new double[n][h + 1];
        this.errorEwma = new double[n];
        this.levelEwma = new double[n];
        this.sumPointError = new double[n];
        this.sumPeakError = new double[n];
        this.selectedSteps = new long[n];
        this.residuals = new ResidualQuantile[n];
        this.pendingSelected = new int[h + 1];
        for (int i = 0; i < n; i++) {
            residuals[i] = new ResidualQuantile(settings.residualWindow(), RESIDUAL_REFRESH);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Observe the next value: score forecasts that have come due, reselect, forecast again. */
    public void observe(long epochSecond, double value) {
        int h = settings.horizonSteps();
        actuals.add(value);
        if (steps >= h) {
            int slot = (int) ((steps - h) % (h + 1));
            double actualPeak = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < h; k++) {
                actualPeak = Math.max(actualPeak, actuals.get(k));
            }
            double decay = 1.0 / Math.min(settings.errorWindowSteps(), scored + 1);
            for (int i = 0; i < n; i++) {
                double peak = pendingPeak[i][slot];
                double point = pendingPoint[i][slot];
                errorEwma[i] += decay * (Math.abs(peak - actualPeak) - errorEwma[i]);
                levelEwma[i] += decay * (actualPeak - levelEwma[i]);
                sumPointError[i] += Math.abs(point - value);
                sumPeakError[i] += Math.abs(peak - actualPeak);
                if (peak > 0 && scored % RESIDUAL_EVERY == 0) {
                    residuals[i].add(actualPeak / peak - 1);
                }
            }
            int chosen = pendingSelected[slot];
            sumSelectedPointError += Math.abs(pendingPoint[chosen][slot] - value);
            sumSelectedPeakError += Math.abs(pendingPeak[chosen][slot] - actualPeak);
            sumActual += value;
            sumActualPeak += actualPeak;
            scored++;
            reselect();
        }
        int slot = (int) (steps % (h + 1));
        for (int i = 0; i < n; i++) {
            Forecaster f = models.get(i);
            f.observe(epochSecond, value);
            pendingPeak[i][slot] = f.forecastPeak(h);
            pendingPoint[i][slot] = f.forecast(h);
        }
        pendingSelected[slot] = selected;
        selectedSteps[selected]++;
        steps++;
    }

    private void reselect() {
        int best = selected;
        for (int i = 0; i < n; i++) {
            if (recentError(i) < recentError(best)) {
                best = i;
            }
        }
        if (best != selected
                && recentError(best) < recentError(selected) * (1 - settings.switchMargin())) {
            selected = best;
        }
    }

    private double recentError(int i) {
        return levelEwma[i] > 0 ? errorEwma[i] / levelEwma[i] : errorEwma[i] > 0 ? 1 : 0;
    }

    /** The forecast for the horizon following the latest observation. */
    public PeakForecast current() {
        if (steps == 0) {
            return PeakForecast.none();
        }
        int slot = (int) ((steps - 1) % (settings.horizonSteps() + 1));
        double peak = pendingPeak[selected][slot];
        double headroom = residuals[selected].size() == 0
                ? 0 : Math.max(0, residuals[selected].quantile(settings.quantile()));
        boolean usable = scored >= settings.warmupSteps() && !Double.isNaN(peak);
        return new PeakForecast(models.get(selected).name(),
                settings.horizonSteps() * settings.stepSeconds(), peak, peak * (1 + headroom),
                recentError(selected), usable);
    }

    /** Point forecast of the selected model for the step {@code horizonSteps} ahead. */
    public double currentPoint() {
        if (steps == 0) {
            return Double.NaN;
        }
        return pendingPoint[selected][(int) ((steps - 1) % (settings.horizonSteps() + 1))];
    }

    /**
     * Accuracy of every candidate so far: {@code pointError} is the weighted absolute
     * percentage error (sum |forecast - actual| / sum actual) of the value at the horizon,
     * {@code peakError} the same for the peak over the horizon.
     */
    public List<ModelScore> scores() {
        List<ModelScore> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ModelScore(models.get(i).name(),
                    sumActual > 0 ? sumPointError[i] / sumActual : Double.NaN,
                    sumActualPeak > 0 ? sumPeakError[i] / sumActualPeak : Double.NaN,
                    recentError(i), scored, selectedSteps[i]));
        }
        out.add(new ModelScore("selected",
                sumActual > 0 ? sumSelectedPointError / sumActual : Double.NaN,
                sumActualPeak > 0 ? sumSelectedPeakError / sumActualPeak : Double.NaN,
                recentError(selected), scored, steps));
        return out;
    }
}
