package dev.foresight.autoscaler.decision;

import dev.foresight.autoscaler.decision.ScaleDecision.Reason;
import dev.foresight.autoscaler.forecast.PeakForecast;
import java.util.EnumSet;

/**
 * Pure replica arithmetic: reactive signal, forecast and current count in, {@link ScaleDecision}
 * out.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>the reactive proposal is the Kubernetes HPA rule ({@link ReactiveRule});</li>
 *   <li>without a usable forecast (none, still warming up, or recent relative error above
 *       {@link CalculatorSettings#maxForecastError()}) the reactive proposal is the answer;</li>
 *   <li>otherwise the forecast count is the one whose ready capacity, at
 *       {@link CalculatorSettings#peakUtilization()}, covers the upper bound of the peak load
 *       over the horizon (startup delay plus one period);</li>
 *   <li>when that count exceeds the current one, the scale-up is widened by
 *       {@link CalculatorSettings#scaleUpHeadroom()} so that a rising load is met by fewer,
 *       larger steps;</li>
 *   <li>the answer is the larger of the reactive and forecast proposals (never below the
 *       reactive rule); a decrease smaller than the tolerance band is not made, like the HPA's
 *       own tolerance, so the two rules together do not flap;</li>
 *   <li>min/max clamp last.</li>
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
        EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
        int reactive = ReactiveRule.propose(signal, current, settings.capacityPerReplica(),
                settings.targetUtilization(), settings.tolerance());
        int proposal = reactive;
        int forecastReplicas = -1;
        if (!forecast.usable()) {
            reasons.add(Reason.NO_FORECAST);
        } else if (!(forecast.recentError() <= settings.maxForecastError())) {
            reasons.add(Reason.GUARDRAIL);
        } else {
            forecastReplicas = (int) Math.ceil(forecast.upper()
                    / (settings.capacityPerReplica() * settings.peakUtilization()));
            int wanted = forecastReplicas;
            if (forecastReplicas > current && settings.scaleUpHeadroom() > 0) {
                wanted = (int) Math.ceil(forecastReplicas * (1 + settings.scaleUpHeadroom()));
                reasons.add(Reason.SCALE_UP_HEADROOM);
            }
            if (wanted > reactive) {
                proposal = wanted;
                reasons.add(Reason.FORECAST_ABOVE_REACTIVE);
            } else {
                reasons.add(Reason.REACTIVE_FLOOR);
            }
            if (proposal < current && proposal >= current * (1 - settings.tolerance())) {
                proposal = current;
            }
        }
        if (proposal > settings.maxReplicas()) {
            proposal = settings.maxReplicas();
            reasons.add(Reason.CLAMPED_TO_MAX);
        }
        if (proposal < settings.minReplicas()) {
            proposal = settings.minReplicas();
            reasons.add(Reason.CLAMPED_TO_MIN);
        }
        return new ScaleDecision(proposal, reactive, forecastReplicas, forecast.model(), signal,
                forecast.peak(), forecast.upper(), forecast.recentError(), reasons);
    }
}
