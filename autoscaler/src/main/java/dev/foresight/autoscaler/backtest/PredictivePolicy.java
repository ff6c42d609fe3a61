package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.decision.CalculatorSettings;
import dev.foresight.autoscaler.decision.ReplicaCalculator;
import dev.foresight.autoscaler.decision.ScaleDecision;
import dev.foresight.autoscaler.forecast.ForecastSelector;
import dev.foresight.autoscaler.forecast.Forecaster;
import dev.foresight.autoscaler.forecast.HoltWintersForecaster;
import dev.foresight.autoscaler.forecast.PeakForecast;
import dev.foresight.autoscaler.forecast.PersistenceForecaster;
import dev.foresight.autoscaler.forecast.RegressionForecaster;
import dev.foresight.autoscaler.forecast.SeasonalNaiveForecaster;
import java.util.List;

/**
 * Our policy: forecast the peak load over the startup delay plus one tick with every candidate
 * model, select by rolling error, provision for the upper bound, never below the HPA rule.
 * It observes each tick's load before deciding, and nothing later.
 */
public final class PredictivePolicy implements ScalingPolicy {

    /**
     * Tunables of the predictive policy.
     *
     * @param quantile        risk knob: quantile of recent relative peak errors used as headroom
     * @param peakUtilization fraction of capacity the upper bound may use
     * @param scaleUpHeadroom  fraction added to forecast-driven scale-ups
     * @param maxForecastError guardrail threshold on the recent relative error
     */
    public record Settings(double quantile, double peakUtilization, double scaleUpHeadroom,
                           double maxForecastError, List<String> models) {
        /** Every candidate forecaster, by name. */
        public static final List<String> ALL_MODELS =
                List.of("holt-winters", "regression", "seasonal-naive", "persistence");

        public Settings {
            models = List.copyOf(models);
            if (models.isEmpty() || !ALL_MODELS.containsAll(models)) {
                throw new IllegalArgumentException("models must be some of " + ALL_MODELS + ": " + models);
            }
        }

        public static Settings defaults() {
            return new Settings(0.9, 1.0, 0.1, 0.5, ALL_MODELS);
        }
    }

    private final ForecastSelector selector;
    private final ReplicaCalculator calculator;
    private final double[] pastPoints;
    private final double[] pastUppers;
    private final long[] reasonCounts = new long[ScaleDecision.Reason.values().length];
    private long ticks;
    private ScaleDecision lastDecision;

    public PredictivePolicy(ForecastSelector selector, ReplicaCalculator calculator) {
        this.selector = selector;
        this.calculator = calculator;
        int h = selector.settings().horizonSteps();
        this.pastPoints = new double[h + 1];
        this.pastUppers = new double[h + 1];
    }

    /**
     * The standard candidates (Holt-Winters, regression, seasonal-naive, persistence), or the
     * subset named in the settings.
     */
    public static PredictivePolicy standard(SimulationRules rules, double targetUtilization, Settings settings) {
        long step = rules.tick().toSeconds();
        int horizon = rules.delayTicks() + 1;
        ForecastSelector selector = standardSelector(step, horizon, settings);
        CalculatorSettings calc = new CalculatorSettings(rules.capacityPerReplica(), targetUtilization,
                settings.peakUtilization(), rules.behavior().tolerance(), settings.scaleUpHeadroom(),
                settings.maxForecastError(),
                rules.behavior().minReplicas(), rules.behavior().maxReplicas());
        return new PredictivePolicy(selector, new ReplicaCalculator(calc));
    }

    /**
     * The candidate forecasters named in the settings and their selector, for observations
     * {@code step} seconds apart and a peak over {@code horizon} steps. The live autoscaler builds
     * its selector here too, so live decisions and backtests use the same models.
     */
    public static ForecastSelector standardSelector(long step, int horizon, Settings settings) {
        List<Forecaster> models = settings.models().stream().map(name -> switch (name) {
            case "holt-winters" -> (Forecaster) new HoltWintersForecaster(step);
            case "regression" -> new RegressionForecaster(step, RegressionForecaster.Settings.forHorizon(horizon));
            case "seasonal-naive" -> new SeasonalNaiveForecaster(step);
            default -> new PersistenceForecaster();
        }).toList();
        int day = (int) (86_400 / step);
        return new ForecastSelector(models, new ForecastSelector.Settings(
                step, horizon, settings.quantile(), day / 4, day / 4, (int) (3600 / step), 0.05));
    }

    @Override
    public String name() {
        return "predictive";
    }

    @Override
    public double targetUtilization() {
        return calculator.settings().targetUtilization();
    }

    @Override
    public int propose(TickView tick) {
        selector.observe((long) Math.floor(tick.epochSeconds()), tick.load());
        PeakForecast forecast = selector.current();
        lastDecision = calculator.decide(tick.signal(), tick.requested(), forecast);
        for (ScaleDecision.Reason r : lastDecision.reasons()) {
            reasonCounts[r.ordinal()]++;
        }
        int slot = (int) (ticks % pastPoints.length);
        pastPoints[slot] = selector.currentPoint();
        pastUppers[slot] = forecast.usable() ? forecast.upper() : Double.NaN;
        ticks++;
        return lastDecision.replicas();
    }

    @Override
    public double forecastForThisTick() {
        int h = selector.settings().horizonSteps();
        return ticks > h ? pastPoints[(int) ((ticks - 1 - h) % pastPoints.length)] : Double.NaN;
    }

    @Override
    public double upperBound() {
        return ticks > 0 ? pastUppers[(int) ((ticks - 1) % pastUppers.length)] : Double.NaN;
    }

    /** How many decisions went through each rule so far, in {@link ScaleDecision.Reason} order. */
    public java.util.Map<ScaleDecision.Reason, Long> reasonCounts() {
        java.util.Map<ScaleDecision.Reason, Long> out = new java.util.EnumMap<>(ScaleDecision.Reason.class);
        for (ScaleDecision.Reason r : ScaleDecision.Reason.values()) {
            out.put(r, reasonCounts[r.ordinal()]);
        }
        return out;
    }

    /** The last decision, with its reasons. */
    public ScaleDecision lastDecision() {
        return lastDecision;
    }

    public ForecastSelector selector() {
        return selector;
    }
}
