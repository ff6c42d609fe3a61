package dev.foresight.autoscaler.decision;

import dev.foresight.autoscaler.forecast.PeakForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure replica arithmetic: reactive signal, forecast and current count in, {@link ScaleDecision}
 * out.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>the reactive proposal is the Kubernetes HPA rule ({@link ReactiveRule});</li>
 *   <li>without a usable forecast (none, still warming up, or recent relative error above
 *       {@link CalculatorSettings#maxForecastError()}) the reactive proposal is the answer;</li>
 *   <li>otherwise the forecast proposal is the count whose ready capacity, at
 *       {@link CalculatorSettings#peakUtilization()}, covers the upper bound of the peak load
 *       over the horizon (startup delay plus one period);</li>
 *   <li>the answer is the larger of the two (never below the reactive rule), clamped to
 *       min/max.</li>
 * </ol>
 * Thread-safe: no state.
 */
public final class ReplicaCalculator {
    private final CalculatorSettings settings;

    public ReplicaCalculator(CalculatorSettings settings) {
        this.settings = settings;
    }

    public CalculatorSettings settings() {
        return settings;
    }

    /**
     * @param signal   reactive signal (recent mean load)
     * @param current  replicas requested now
     * @param forecast the forecast for the horizon, or {@link PeakForecast#none()}
     */
    public ScaleDecision decide(double signal, int current, PeakForecast forecast) {
        List<String> reasons = new ArrayList<>();
        int reactive = ReactiveRule.propose(signal, current, settings.capacityPerReplica(),
                settings.targetUtilization(), settings.tolerance());
        reasons.add(String.format(Locale.ROOT, "reactive rule: signal %.4g at target %.2f -> %d",
                signal, settings.targetUtilization(), reactive));
        int proposal = reactive;
        int forecastReplicas = -1;
        boolean guardrail = false;
        if (!forecast.usable()) {
            reasons.add("no usable forecast (" + forecast.model() + "): reactive only");
        } else if (forecast.recentError() > settings.maxForecastError()) {
            guardrail = true;
            reasons.add(String.format(Locale.ROOT,
                    "guardrail: recent forecast error %.3f > %.3f, reactive only",
                    forecast.recentError(), settings.maxForecastError()));
        } else {
            forecastReplicas = (int) Math.ceil(forecast.upper()
                    / (settings.capacityPerReplica() * settings.peakUtilization()));
            reasons.add(String.format(Locale.ROOT,
                    "forecast %s: peak %.4g, upper %.4g over %ds -> %d",
                    forecast.model(), forecast.peak(), forecast.upper(), forecast.horizonSeconds(),
                    forecastReplicas));
            if (forecastReplicas > reactive) {
                proposal = forecastReplicas;
                reasons.add("forecast above reactive: launching early");
            } else {
                reasons.add("reactive at or above forecast: reactive floor");
            }
        }
        if (proposal > settings.maxReplicas()) {
            proposal = settings.maxReplicas();
            reasons.add("clamped to maxReplicas " + proposal);
        }
        if (proposal < settings.minReplicas()) {
            proposal = settings.minReplicas();
            reasons.add("clamped to minReplicas " + proposal);
        }
        return new ScaleDecision(proposal, reactive, forecastReplicas, forecast.model(),
                forecast.peak(), forecast.upper(), guardrail, reasons);
    }
}
