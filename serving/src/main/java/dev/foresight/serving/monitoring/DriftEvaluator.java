package dev.foresight.serving.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores a feature's window against its reference: PSI over the reference's groups, the
 * Kolmogorov-Smirnov distance over its ordered bins against the critical value at
 * {@code featureAlpha}, and the shares that explain a shift. A feature drifts when both the PSI
 * is above {@code psiThreshold} (the shift is large) and the distance is above its critical value
 * (the shift is not noise of a small window). Pure; thread-safe.
 */
final class DriftEvaluator {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final double featureAlpha;
    private final double psiThreshold;
    private final int minObservations;

    DriftEvaluator(double featureAlpha, double psiThreshold, int minObservations) {
        this.featureAlpha = featureAlpha;
        this.psiThreshold = psiThreshold;
        this.minObservations = minObservations;
    }

    FeatureDrift evaluate(TensorProfile tensor, TensorProfile.Feature feature, FeatureSketch sketch) {
        FeatureReference reference = feature.reference();
        long values = sketch.values();
        Double psi = null;
        Double ks = null;
        Double threshold = null;
        boolean drifted = false;
        double[] live = DriftStatistics.shares(sketch.bins);
        if (sketch.rows >= minObservations && values > 0) {
            psi = DriftStatistics.psi(DriftStatistics.grouped(live, reference.groups(), reference.groupCount()),
                    DriftStatistics.grouped(reference.shares(), reference.groups(), reference.groupCount()));
            ks = DriftStatistics.ks(live, reference.shares());
            threshold = DriftStatistics.ksCritical(featureAlpha, sketch.rows, tensor.observations());
            drifted = psi > psiThreshold && ks > threshold;
        }
        if (reference instanceof NumericReference numeric) {
            Map<String, Double> quantiles = new LinkedHashMap<>();
            Map<String, Double> referenceQuantiles = new LinkedHashMap<>();
            for (double q : QUANTILES) {
                if (values > 0) {
                    quantiles.put(Double.toString(q), numeric.quantile(live, q, sketch.min, sketch.max));
                }
                referenceQuantiles.put(Double.toString(q), numeric.referenceQuantile(q));
            }
            long all = values + sketch.missing;
            return new FeatureDrift(tensor.name(), tensor.role().label(), feature.name(), sketch.rows, values, psi, ks,
                    threshold, drifted, values > 0 ? (live[0] + live[live.length - 1]) : null,
                    all > 0 ? (double) sketch.missing / all : null, null, null, null, quantiles, referenceQuantiles);
        }
        CategoricalReference categorical = (CategoricalReference) reference;
        boolean coverage = categorical.tracksCoverage();
        int distinct = sketch.distinct();
        return new FeatureDrift(tensor.name(), tensor.role().label(), feature.name(), sketch.rows, values, psi, ks,
                threshold, drifted, null, null, values > 0 ? live[live.length - 1] : null,
                coverage ? (double) distinct / categorical.size() : null, coverage ? distinct : null, null, null);
    }
}
