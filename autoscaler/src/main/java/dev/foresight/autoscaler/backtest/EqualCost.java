package dev.foresight.autoscaler.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares a policy with the HPA's whole cost/violation curve (the HPA run at several target
 * utilisations): the HPA's violation minutes at the policy's replica-hours, by linear
 * interpolation between the two nearest curve points (extrapolated from the end segment, and
 * flagged, when the cost lies outside the curve).
 *
 * @param replicaHours              the policy's cost
 * @param hpaViolationMinutes       the HPA curve at that cost (never below 0)
 * @param policyViolationMinutes    the policy's violation minutes
 * @param ratio                     policy / HPA curve (NaN when both are 0, infinite when only
 *                                  the HPA is 0)
 * @param withinCurve               false when the cost is outside the curve's range
 */
public record EqualCost(double replicaHours, double hpaViolationMinutes, double policyViolationMinutes,
                        double ratio, boolean withinCurve) {

    public static EqualCost compare(PolicySummary policy, List<PolicySummary> hpaCurve) {
        if (hpaCurve.size() < 2) {
            throw new IllegalArgumentException("an HPA curve needs at least two points");
        }
        List<PolicySummary> curve = new ArrayList<>(hpaCurve);
        curve.sort(Comparator.comparingDouble(PolicySummary::replicaHours));
        double x = policy.replicaHours();
        int i = 0;
        while (i < curve.size() - 2 && curve.get(i + 1).replicaHours() < x) {
            i++;
        }
        PolicySummary a = curve.get(i);
        PolicySummary b = curve.get(i + 1);
        double span = b.replicaHours() - a.replicaHours();
        double f = span > 0 ? (x - a.replicaHours()) / span : 0;
        double hpa = Math.max(0, a.violationMinutes() + f * (b.violationMinutes() - a.violationMinutes()));
        boolean within = x >= curve.get(0).replicaHours() && x <= curve.get(curve.size() - 1).replicaHours();
        double mine = policy.violationMinutes();
        double ratio = hpa > 0 ? mine / hpa : mine > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return new EqualCost(x, hpa, mine, ratio, within);
    }
}
