package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.forecast.ForecastSelector.ModelScore;
import dev.foresight.autoscaler.decision.ScaleDecision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a backtest produced.
 *
 * @param traceName   file name of the trace
 * @param rules       the simulation rules used
 * @param startEpoch  first tick
 * @param ticks       ticks simulated
 * @param policies    reported policies (e.g. hpa and predictive)
 * @param hpaCurve    the HPA at several target utilisations (empty when not asked for)
 * @param equalCost   the predictive policy against the HPA curve, when both ran
 * @param forecast    accuracy of each forecaster at the decision horizon (empty without one)
 * @param horizonSeconds the decision horizon of the forecasts
 * @param decisions   how many of the predictive policy's decisions went through each rule
 * @param charts      downsampled series for the report
 */
public record BacktestResult(String traceName, SimulationRules rules, double startEpoch, long ticks,
                             List<PolicySummary> policies, List<PolicySummary> hpaCurve,
                             Optional<EqualCost> equalCost, List<ModelScore> forecast,
                             long horizonSeconds, Map<ScaleDecision.Reason, Long> decisions,
                             Charts charts) {

    /**
     * Downsampled series: {@code load} (bucket max), per reported policy {@code requested}
     * (max) and {@code ready} (min); {@code forecast} (point forecast made one horizon earlier,
     * max) and {@code upper} (upper bound provisioned for, max) of the forecasting policy; and
     * the same series at full resolution around the highest load ({@code zoom}, starting at
     * tick {@code zoomFirstTick}).
     */
    public record Charts(int bucketTicks, double[] load, List<String> names, List<double[]> requested,
                         List<double[]> ready, double[] forecast, double[] upper, long zoomFirstTick,
                         Zoom zoom) {
    }

    /** Full-resolution series around the highest load. */
    public record Zoom(double[] load, List<double[]> requested, List<double[]> ready, double[] forecast,
                       double[] upper) {
    }
}
