package dev.foresight.serving.monitoring;

import java.util.Map;

/**
 * One feature's scores over one window. Scores are null until the window holds
 * {@link MonitoringSettings#minObservations()} rows; kind-specific fields are null for the other kind.
 *
 * @param observations     rows in the window (the {@code n} of the critical value)
 * @param values           values counted (NaN left out)
 * @param psi              population stability index against the reference
 * @param ks               Kolmogorov-Smirnov distance at the bin boundaries
 * @param ksThreshold      its critical value at the feature's share of alpha
 * @param drifted          {@code psi > psiThreshold} and {@code ks > ksThreshold}
 * @param outOfRangeShare  numeric: share of values below the reference minimum or above its maximum
 * @param missingShare     numeric: share of NaN values
 * @param unseenShare      categorical: share of values the reference never saw (for IDs: cold start)
 * @param coverage         categorical: distinct reference values seen / reference values (small vocabularies)
 * @param distinct         categorical: distinct reference values seen (small vocabularies)
 * @param quantiles        numeric: the window's 0.5, 0.9 and 0.99 quantiles
 * @param referenceQuantiles numeric: the reference's
 */
public record FeatureDrift(String tensor, String role, String feature, long observations, long values,
                           Double psi, Double ks, Double ksThreshold, boolean drifted, Double outOfRangeShare,
                           Double missingShare, Double unseenShare, Double coverage, Integer distinct,
                           Map<String, Double> quantiles, Map<String, Double> referenceQuantiles) {
}
