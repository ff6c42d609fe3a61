package dev.foresight.serving.metrics;

import dev.foresight.serving.monitoring.FeatureDrift;
import dev.foresight.serving.monitoring.ModelMonitors;
import dev.foresight.serving.monitoring.MonitorReport;
import dev.foresight.serving.monitoring.WindowReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The drift scores of every served model version on {@code /metrics}, computed at scrape time.
 * Labels are bounded: {@code model}, {@code version} (served ones only: unloaded versions are
 * forgotten here), {@code tensor} (an input or output the profile names) with its {@code role}
 * ({@code input} or {@code output}), {@code feature} (a
 * profiled feature while the tensor has at most {@code maxFeatures}, else one series
 * {@value #AGGREGATED} with the largest score of its features and {@code detected} if any is),
 * {@code window} ({@code count} or {@code time}) and {@code percentile} (50, 90, 99).
 */
public final class MonitoringMetrics implements MultiCollector {
    /** The feature label of a tensor's features taken together. */
    public static final String AGGREGATED = "_max";

    private final ModelMonitors monitors;
    private final Supplier<Map<String, Long>> payloadLog;
    private final int maxFeatures;

    /** @param payloadLog the payload logger's event counts by outcome, empty when it is off */
    public MonitoringMetrics(ModelMonitors monitors, Supplier<Map<String, Long>> payloadLog, int maxFeatures) {
        this.monitors = monitors;
        this.payloadLog = payloadLog;
        this.maxFeatures = maxFeatures;
    }

    @Override
    public MetricSnapshots collect() {
        monitors.retainServed();
        Gauges gauges = new Gauges();
        List<MonitorReport> reports = monitors.reports();
        for (MonitorReport report : reports) {
            String model = report.model();
            String version = Long.toString(report.version());
            gauges.set("foresight_monitoring_profile_ready", "1 when the model version's reference is complete, "
                    + "by where it comes from (shipped profile.json or its first requests)",
                    Labels.of("model", model, "source", report.profile().source(), "version", version),
                    report.profile().ready() ? 1 : 0);
            gauges.set("foresight_monitoring_memory_bytes", "Fixed size of a model version's monitoring windows",
                    Labels.of("model", model, "version", version), report.memoryBytes());
            for (WindowReport window : report.windows()) {
                gauges.set("foresight_drift_model_detected", "1 when an input of the model version drifted in the "
                        + "window (outputs have their own foresight_drift_detected)", Labels.of("model", model, "version", version, "window", window.window()),
                        window.drifted() ? 1 : 0);
                for (List<FeatureDrift> tensor : byTensor(window.features())) {
                    if (tensor.size() <= maxFeatures) {
                        tensor.forEach(f -> feature(gauges, model, version, window.window(), f.feature(), f));
                    } else {
                        feature(gauges, model, version, window.window(), AGGREGATED, worst(tensor));
                    }
                }
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(gauges.build());
        Map<String, Long> dropped = new java.util.TreeMap<>(monitors.dropped());
        reports.forEach(report -> dropped.putIfAbsent(report.model(), 0L));
        if (!dropped.isEmpty()) {
            snapshots.add(counter("foresight_monitoring_dropped", "Answered requests not monitored because the "
                    + "monitoring queue was full", "model", dropped));
        }
        Map<String, Long> events = payloadLog.get();
        if (!events.isEmpty()) {
            snapshots.add(counter("foresight_payload_log_events", "Payload log events by outcome: sent, failed "
                    + "(refused, error status or timeout at the sink), dropped (queue full)", "outcome", events));
        }
        return new MetricSnapshots(snapshots);
    }

    private static void feature(Gauges gauges, String model, String version, String window, String feature, FeatureDrift f) {
        Labels labels = Labels.of("feature", feature, "model", model, "role", f.role(), "tensor", f.tensor(),
                "version", version, "window", window);
        gauges.set("foresight_drift_observations", "Rows of the tensor in the window", labels, f.observations());
        if (f.psi() != null) {
            gauges.set("foresight_drift_psi", "Population stability index of the window against the reference", labels, f.psi());
            gauges.set("foresight_drift_ks", "Kolmogorov-Smirnov distance of the window from the reference", labels, f.ks());
            gauges.set("foresight_drift_ks_threshold", "Critical value of the Kolmogorov-Smirnov distance at the "
                    + "feature's share of alpha", labels, f.ksThreshold());
            gauges.set("foresight_drift_detected", "1 when the feature drifted: PSI above its threshold and KS above "
                    + "its critical value", labels, f.drifted() ? 1 : 0);
        }
        if (f.outOfRangeShare() != null) {
            gauges.set("foresight_drift_out_of_range_ratio", "Share of values outside the reference's range", labels,
                    f.outOfRangeShare());
        }
        if (f.missingShare() != null) {
            gauges.set("foresight_drift_missing_ratio", "Share of NaN values", labels, f.missingShare());
        }
        if (f.unseenShare() != null) {
            gauges.set("foresight_drift_unseen_ratio", "Share of values the reference never saw (for IDs: cold start)",
                    labels, f.unseenShare());
        }
        if (f.coverage() != null) {
            gauges.set("foresight_drift_coverage_ratio", "Distinct reference values seen in the window / reference "
                    + "values (e.g. catalogue coverage of recommendations)", labels, f.coverage());
        }
        if (f.quantiles() != null) {
            f.quantiles().forEach((q, value) -> gauges.set("foresight_drift_quantile", "Quantile of the feature's "
                    + "values in the window (label percentile: 50, 90, 99)", Labels.of("feature", feature, "model", model,
                    "percentile", percentile(q), "role", f.role(), "tensor", f.tensor(), "version", version, "window", window),
                    value));
            if ("count".equals(window)) {
                f.referenceQuantiles().forEach((q, value) -> gauges.set("foresight_drift_reference_quantile",
                        "Quantile of the feature's values in the reference (label percentile: 50, 90, 99)",
                        Labels.of("feature", feature, "model", model, "percentile", percentile(q), "role", f.role(),
                        "tensor", f.tensor(), "version", version), value));
            }
        }
    }

    /** "0.99" as "99": Prometheus keeps the label {@code quantile} for summaries. */
    private static String percentile(String quantile) {
        return new java.math.BigDecimal(quantile).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /** The features of a window grouped by tensor, in order. */
    private static List<List<FeatureDrift>> byTensor(List<FeatureDrift> features) {
        Map<String, List<FeatureDrift>> groups = new LinkedHashMap<>();
        features.forEach(f -> groups.computeIfAbsent(f.role() + "/" + f.tensor(), k -> new ArrayList<>()).add(f));
        return new ArrayList<>(groups.values());
    }

    /** One series for many features: the largest of each score, drifted if any is. */
    private static FeatureDrift worst(List<FeatureDrift> features) {
        FeatureDrift first = features.get(0);
        return new FeatureDrift(first.tensor(), first.role(), AGGREGATED,
                features.stream().mapToLong(FeatureDrift::observations).max().orElse(0),
                features.stream().mapToLong(FeatureDrift::values).sum(),
                max(features, FeatureDrift::psi), max(features, FeatureDrift::ks), max(features, FeatureDrift::ksThreshold),
                features.stream().anyMatch(FeatureDrift::drifted), max(features, FeatureDrift::outOfRangeShare),
                max(features, FeatureDrift::missingShare), max(features, FeatureDrift::unseenShare), null, null, null, null);
    }

    private static Double max(List<FeatureDrift> features, java.util.function.Function<FeatureDrift, Double> score) {
        return features.stream().map(score).filter(java.util.Objects::nonNull).max(Double::compare).orElse(null);
    }

    private static CounterSnapshot counter(String name, String help, String label, Map<String, Long> counts) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        counts.forEach((value, count) -> builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(label, value)).value(count).build()));
        return builder.build();
    }

    /** Gauge families filled in any order, each built once. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> families = new LinkedHashMap<>();

        void set(String name, String help, Labels labels, double value) {
            families.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        List<MetricSnapshot> build() {
            return families.values().stream().<MetricSnapshot>map(GaugeSnapshot.Builder::build).toList();
        }
    }
}
