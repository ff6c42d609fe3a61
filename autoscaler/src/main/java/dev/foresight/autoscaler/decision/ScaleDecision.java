package dev.foresight.autoscaler.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the {@link ReplicaCalculator} proposes, and why.
 *
 * @param replicas          the proposed count (before stabilisation and rate policies, which
 *                          {@link BehaviorLimiter} applies)
 * @param reactiveReplicas  what the Kubernetes HPA rule alone proposes; {@code replicas} is never
 *                          below it (except where {@code maxReplicas} clamps both)
 * @param forecastReplicas  count whose ready capacity covers the forecast upper bound at the peak
 *                          utilisation, or -1 when no forecast was used
 * @param model             forecaster whose output was used, or {@code "none"}
 * @param signal            the reactive signal decided on
 * @param forecastPeak      point forecast of the peak load over the horizon (NaN when none)
 * @param forecastUpper     upper bound of that peak at the configured risk (NaN when none)
 * @param recentError       recent relative error of the forecast (NaN when none)
 * @param reasons           which rules applied, in order; {@link #describe()} spells them out
 */
public record ScaleDecision(
        int replicas,
        int reactiveReplicas,
        int forecastReplicas,
        String model,
        double signal,
        double forecastPeak,
        double forecastUpper,
        double recentError,
        Set<Reason> reasons) {

    /** The rules a decision can go through. */
    public enum Reason {
        /** The forecast was absent or still warming up: reactive only. */
        NO_FORECAST,
        /** Recent forecast error above the guardrail: reactive only. */
        GUARDRAIL,
        /** The forecast asked for more than the reactive rule: launching early. */
        FORECAST_ABOVE_REACTIVE,
        /** The reactive rule asked for at least as much as the forecast. */
        REACTIVE_FLOOR,
        /** A scale-up was widened by the configured headroom to save later steps. */
        SCALE_UP_HEADROOM,
        /** Clamped to the maximum replica count. */
        CLAMPED_TO_MAX,
        /** Clamped to the minimum replica count. */
        CLAMPED_TO_MIN
    }

    public ScaleDecision {
        reasons = Set.copyOf(reasons);
    }

    /** Whether the accuracy guardrail forced the reactive proposal. */
    public boolean guardrail() {
        return reasons.contains(Reason.GUARDRAIL);
    }

    /** Human-readable reasons, for logs, status conditions and reports. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "reactive rule: signal %.4g -> %d", signal, reactiveReplicas));
        for (Reason r : Reason.values()) {
            if (!reasons.contains(r)) {
                continue;
            }
            out.add(switch (r) {
                case NO_FORECAST -> "no usable forecast (" + model + "): reactive only";
                case GUARDRAIL -> String.format(Locale.ROOT,
                        "guardrail: recent forecast error %.3f too high, reactive only", recentError);
                case FORECAST_ABOVE_REACTIVE -> String.format(Locale.ROOT,
                        "forecast %s: peak %.4g, upper %.4g -> %d, above reactive: launching early",
                        model, forecastPeak, forecastUpper, forecastReplicas);
                case REACTIVE_FLOOR -> String.format(Locale.ROOT,
                        "forecast %s: upper %.4g -> %d, not above reactive: reactive floor",
                        model, forecastUpper, forecastReplicas);
                case SCALE_UP_HEADROOM -> "scale-up widened by headroom";
                case CLAMPED_TO_MAX -> "clamped to maxReplicas";
                case CLAMPED_TO_MIN -> "clamped to minReplicas";
            });
        }
        out.add("proposal " + replicas);
        return out;
    }
}
