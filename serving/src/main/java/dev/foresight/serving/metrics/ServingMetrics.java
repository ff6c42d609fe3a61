package dev.foresight.serving.metrics;

import dev.foresight.serving.inference.InferenceObserver;
import dev.foresight.serving.inference.Outcome;
import dev.foresight.serving.repository.RepositoryListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The server's Prometheus metrics, per model: request counts by version and outcome; request,
 * queue and compute durations; served versions; load failures. Requests that name no known model
 * are counted under the model label {@code _unknown}, so request paths cannot grow the label set.
 */
public final class ServingMetrics implements InferenceObserver, RepositoryListener {
    /** The model label of requests for models the server does not have. */
    public static final String UNKNOWN_MODEL = "_unknown";

    private static final double[] DURATION_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final Counter requests;
    private final Histogram requestDuration;
    private final Histogram queueDuration;
    private final Histogram inferenceDuration;
    private final Histogram batchSize;
    private final Gauge versionsLoaded;
    private final Counter loadFailures;
    private final Counter loads;

    public ServingMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("foresight_inference_requests_total")
                .help("Inference requests by model, version and outcome (success, client_error, rejected, server_error)")
                .labelNames("model", "version", "outcome").register(registry);
        requestDuration = histogram(registry, "foresight_request_duration_seconds",
                "Time from a decoded inference request to its encoded response");
        queueDuration = histogram(registry, "foresight_queue_duration_seconds",
                "Time an inference request waited for an inference thread");
        inferenceDuration = histogram(registry, "foresight_inference_duration_seconds",
                "Time an inference request spent computing in ONNX Runtime");
        batchSize = Histogram.builder().name("foresight_batch_size")
                .help("Rows per call computed by a model's dynamic batcher").classicOnly()
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256).labelNames("model").register(registry);
        versionsLoaded = Gauge.builder().name("foresight_model_versions_loaded")
                .help("Versions of a model that are loaded and serving").labelNames("model").register(registry);
        loadFailures = Counter.builder().name("foresight_model_load_failures_total")
                .help("Model versions, and model configuration files, that failed to load").labelNames("model")
                .register(registry);
        loads = Counter.builder().name("foresight_model_loads_total")
                .help("Model versions loaded and warmed up").labelNames("model").register(registry);
    }

    private static Histogram histogram(PrometheusRegistry registry, String name, String help) {
        return Histogram.builder().name(name).help(help).unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(DURATION_BUCKETS).labelNames("model").register(registry);
    }

    @Override
    public void completed(String model, long version, Outcome outcome, long totalNanos, long queueNanos,
                          long computeNanos) {
        String label = model == null ? UNKNOWN_MODEL : model;
        requests.labelValues(label, version == 0 ? "" : Long.toString(version), outcome.label()).inc();
        requestDuration.labelValues(label).observe(Unit.nanosToSeconds(totalNanos));
        if (computeNanos > 0) {
            queueDuration.labelValues(label).observe(Unit.nanosToSeconds(queueNanos));
            inferenceDuration.labelValues(label).observe(Unit.nanosToSeconds(computeNanos));
        }
    }

    @Override
    public void batch(String model, int rows) {
        batchSize.labelValues(model).observe(rows);
    }

    @Override
    public void versionLoaded(String model, long version, long millis) {
        loads.labelValues(model).inc();
    }

    @Override
    public void loadFailed(String model, long version, String reason) {
        loadFailures.labelValues(model).inc();
    }

    @Override
    public void configFailed(String model, String reason) {
        loadFailures.labelValues(model).inc();
    }

    @Override
    public void servedVersions(String model, int count) {
        versionsLoaded.labelValues(model).set(count);
    }
}
