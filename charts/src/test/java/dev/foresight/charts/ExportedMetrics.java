package dev.foresight.charts;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one list, for these tests, of the metrics the two applications export at {@code /metrics}
 * (names as Prometheus stores them) and of the labels each carries; the chart's queries and the
 * dashboard may use nothing else. Keep in step with the servers' own metric definitions.
 */
final class ExportedMetrics {
    enum Type { COUNTER, GAUGE, HISTOGRAM }

    record Metric(String name, Type type, Set<String> labels) {
        /** Names of the series Prometheus stores for this metric. */
        Set<String> seriesNames() {
            return type == Type.HISTOGRAM
                    ? Set.of(name + "_bucket", name + "_sum", name + "_count")
                    : Set.of(name);
        }

        /** Labels a selector on the series may use: the metric's own, {@code le} on buckets. */
        Set<String> labelsOf(String series) {
            return series.endsWith("_bucket") ? union(labels, Set.of("le")) : labels;
        }
    }

    /** Exported by foresight-serving. */
    static final List<Metric> SERVING = List.of(
            new Metric("foresight_inference_requests_total", Type.COUNTER, Set.of("model", "version", "outcome")),
            new Metric("foresight_request_duration_seconds", Type.HISTOGRAM, Set.of("model")),
            new Metric("foresight_queue_duration_seconds", Type.HISTOGRAM, Set.of("model")),
            new Metric("foresight_inference_duration_seconds", Type.HISTOGRAM, Set.of("model")),
            new Metric("foresight_batch_size", Type.HISTOGRAM, Set.of("model")),
            new Metric("foresight_model_versions_loaded", Type.GAUGE, Set.of("model")),
            new Metric("foresight_model_load_failures_total", Type.COUNTER, Set.of("model")),
            drift("foresight_drift_psi"),
            drift("foresight_drift_ks"),
            drift("foresight_drift_ks_threshold"),
            drift("foresight_drift_detected"),
            drift("foresight_drift_observations"),
            drift("foresight_drift_out_of_range_ratio"),
            drift("foresight_drift_missing_ratio"),
            drift("foresight_drift_unseen_ratio"),
            drift("foresight_drift_coverage_ratio"),
            new Metric("foresight_drift_quantile", Type.GAUGE,
                    Set.of("model", "version", "role", "tensor", "feature", "window", "percentile")),
            new Metric("foresight_drift_reference_quantile", Type.GAUGE,
                    Set.of("model", "version", "role", "tensor", "feature", "percentile")),
            new Metric("foresight_drift_model_detected", Type.GAUGE, Set.of("model", "version", "window")),
            new Metric("foresight_monitoring_profile_ready", Type.GAUGE, Set.of("model", "version", "source")),
            new Metric("foresight_monitoring_memory_bytes", Type.GAUGE, Set.of("model", "version")),
            new Metric("foresight_monitoring_dropped_total", Type.COUNTER, Set.of("model")),
            new Metric("foresight_payload_log_events_total", Type.COUNTER, Set.of("outcome")));

    /** Exported by foresight-autoscaler, one series per scaled target. */
    static final List<Metric> AUTOSCALER = List.of(
            new Metric("foresight_autoscaler_forecast", Type.GAUGE, Set.of("target")),
            new Metric("foresight_autoscaler_load", Type.GAUGE, Set.of("target")),
            new Metric("foresight_autoscaler_desired_replicas", Type.GAUGE, Set.of("target")),
            new Metric("foresight_autoscaler_current_replicas", Type.GAUGE, Set.of("target")));

    /** A drift score: one series per model version, monitored tensor, feature and window. */
    private static Metric drift(String name) {
        return new Metric(name, Type.GAUGE, Set.of("model", "version", "role", "tensor", "feature", "window"));
    }

    /** The server's request counter: the load signal of the serving Deployment. */
    static final String REQUESTS = "foresight_inference_requests_total";

    /**
     * Labels Prometheus attaches to every scraped series in both set-ups the chart supports: the
     * {@code kubernetes-pods} job of the Prometheus community chart (pod annotations) and a
     * prometheus-operator ServiceMonitor. Both map the pod's namespace and name to these.
     */
    static final Set<String> SCRAPE_LABELS = Set.of("namespace", "pod");

    private ExportedMetrics() {
    }

    /**
     * Fails unless every series {@code query} selects is one of ours, its matchers use only the
     * series' labels (or the scrape's), and it groups only by those.
     */
    static void requireOnlyExported(String query) {
        List<PromQl.Selector> selectors = PromQl.selectors(query);
        if (selectors.isEmpty()) {
            throw new AssertionError("no foresight metric in " + query);
        }
        Set<String> groupable = new java.util.HashSet<>(SCRAPE_LABELS);
        for (PromQl.Selector selector : selectors) {
            Metric metric = bySeries(selector.metric())
                    .orElseThrow(() -> new AssertionError(selector.metric() + " is not exported"));
            Set<String> labels = new java.util.HashSet<>(metric.labelsOf(selector.metric()));
            labels.addAll(SCRAPE_LABELS);
            if (!labels.containsAll(selector.labels())) {
                throw new AssertionError(selector + " uses labels outside " + labels);
            }
            groupable.addAll(labels);
        }
        if (!groupable.containsAll(PromQl.groupingLabels(query))) {
            throw new AssertionError(PromQl.groupingLabels(query) + " in " + query);
        }
    }

    /** The metric a stored series name belongs to, if any of ours. */
    static Optional<Metric> bySeries(String series) {
        return Stream.concat(SERVING.stream(), AUTOSCALER.stream())
                .filter(m -> m.seriesNames().contains(series))
                .findFirst();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
