package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.decision.ScaleDecision;
import dev.foresight.autoscaler.forecast.ForecastSelector.ModelScore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a trace through policies in lockstep under one {@link SimulationRules}.
 *
 * <p>Ticks run from the first timestamp every {@code tick} up to the last timestamp; load at a
 * tick is the trace interpolated linearly; the reactive signal is the mean load over the ticks
 * in the signal window. Memory is bounded by the trace and the downsampled charts; the timeline
 * streams to its sink.
 */
public final class Backtest {
    private static final int CHART_POINTS = 1200;
    private static final long PROGRESS_ABOVE_TICKS = 200_000;
    private static final int ZOOM_HALF_TICKS = 240;

    private final SimulationRules rules;
    private final PrintStream progress;

    /** @param progress where to print a progress line on long runs, or null for none */
    public Backtest(SimulationRules rules, PrintStream progress) {
        this.rules = rules;
        this.progress = progress;
    }

    /**
     * @param reported  policies reported in the summary, timeline and charts
     * @param hpaCurve  HPA policies at several utilisations for the equal-cost comparison
     *                  (may be empty)
     */
    public BacktestResult run(String traceName, Trace trace, List<ScalingPolicy> reported,
                              List<ScalingPolicy> hpaCurve, TimelineSink timeline) {
        double tickSeconds = rules.tick().toMillis() / 1000.0;
        long total = (long) Math.floor((trace.end() - trace.start()) / tickSeconds + 1e-9) + 1;
        int bucket = (int) Math.max(1, (total + CHART_POINTS - 1) / CHART_POINTS);
        Trace.Cursor cursor = trace.cursor(rules.interpolation());
        double initialLoad = cursor.loadAt(trace.start());

        List<PolicyRun> runs = new ArrayList<>();
        for (ScalingPolicy p : reported) {
            runs.add(new PolicyRun(p, rules, initialLoad));
        }
        List<PolicyRun> curveRuns = new ArrayList<>();
        for (ScalingPolicy p : hpaCurve) {
            curveRuns.add(new PolicyRun(p, rules, initialLoad));
        }
        ChartSeries load = new ChartSeries(bucket, true);
        List<ChartSeries> requested = new ArrayList<>();
        List<ChartSeries> ready = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            requested.add(new ChartSeries(bucket, true));
            ready.add(new ChartSeries(bucket, false));
        }
        PredictivePolicy forecaster = null;
        for (ScalingPolicy p : reported) {
            if (p instanceof PredictivePolicy pp) {
                forecaster = pp;
            }
        }
        ChartSeries forecast = new ChartSeries(bucket, true);
        ChartSeries upper = new ChartSeries(bucket, true);
        int columns = 3 + 2 * runs.size();
        PeakWindow zoom = new PeakWindow(ZOOM_HALF_TICKS, columns);
        double[] zoomRow = new double[columns];

        int window = rules.signalTicks();
        double[] recent = new double[window];
        double recentSum = 0;
        long lastReport = -1;
        for (long k = 0; k < total; k++) {
            double t = trace.start() + k * tickSeconds;
            double l = cursor.loadAt(t);
            int slot = (int) (k % window);
            if (k >= window) {
                recentSum -= recent[slot];
            }
            recent[slot] = l;
            recentSum += l;
            double signal = recentSum / Math.min(k + 1, window);
            if (k % window == window - 1) {
                // re-add exactly every window to keep the running sum from drifting
                recentSum = 0;
                for (int i = 0; i < Math.min(k + 1, window); i++) {
                    recentSum += recent[i];
                }
            }
            load.add(l);
            for (int i = 0; i < runs.size(); i++) {
                PolicyRun run = runs.get(i);
                run.step(k, t, l, signal);
                requested.get(i).add(run.requested());
                ready.get(i).add(run.ready());
                timeline.row(t, run.policy().name(), l, run.requested(), run.ready(),
                        run.policy().forecastForThisTick());
            }
            zoomRow[0] = l;
            for (int i = 0; i < runs.size(); i++) {
                zoomRow[1 + 2 * i] = runs.get(i).requested();
                zoomRow[2 + 2 * i] = runs.get(i).ready();
            }
            zoomRow[columns - 2] = Double.NaN;
            zoomRow[columns - 1] = Double.NaN;
            if (forecaster != null) {
                zoomRow[columns - 2] = forecaster.forecastForThisTick();
                zoomRow[columns - 1] = forecaster.upperBound();
                forecast.add(zoomRow[columns - 2]);
                upper.add(zoomRow[columns - 1]);
            }
            zoom.add(zoomRow);
            for (PolicyRun run : curveRuns) {
                run.step(k, t, l, signal);
            }
            if (progress != null && total > PROGRESS_ABOVE_TICKS) {
                long percent = k * 100 / total;
                if (percent / 10 != lastReport) {
                    lastReport = percent / 10;
                    progress.printf(Locale.ROOT, "backtest %s: %d%% of %d ticks%n", traceName, percent, total);
                }
            }
        }

        List<PolicySummary> summaries = runs.stream().map(PolicyRun::summary).toList();
        List<PolicySummary> curve = curveRuns.stream().map(PolicyRun::summary).toList();
        Optional<EqualCost> equalCost = Optional.empty();
        if (forecaster != null && curve.size() >= 2) {
            for (PolicySummary s : summaries) {
                if (s.name().equals(forecaster.name())) {
                    equalCost = Optional.of(EqualCost.compare(s, curve));
                }
            }
        }
        List<ModelScore> scores = forecaster == null ? List.of() : forecaster.selector().scores();
        long horizon = forecaster == null ? 0
                : forecaster.selector().settings().horizonSteps() * forecaster.selector().settings().stepSeconds();
        List<String> names = runs.stream().map(r -> r.policy().name()).toList();
        List<double[]> zoomRequested = new ArrayList<>();
        List<double[]> zoomReady = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            zoomRequested.add(zoom.column(1 + 2 * i));
            zoomReady.add(zoom.column(2 + 2 * i));
        }
        BacktestResult.Zoom zoomed = new BacktestResult.Zoom(zoom.column(0), zoomRequested, zoomReady,
                zoom.column(columns - 2), zoom.column(columns - 1));
        BacktestResult.Charts charts = new BacktestResult.Charts(bucket, load.values(), names,
                requested.stream().map(ChartSeries::values).toList(),
                ready.stream().map(ChartSeries::values).toList(),
                forecast.values(), upper.values(), zoom.firstTick(), zoomed);
        Map<ScaleDecision.Reason, Long> decisions = forecaster == null ? Map.of() : forecaster.reasonCounts();
        return new BacktestResult(traceName, rules, trace.start(), total, summaries, curve, equalCost,
                scores, horizon, decisions, charts);
    }
}
