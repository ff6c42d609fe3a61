package dev.foresight.autoscaler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Registers and updates the autoscaler's metrics in one {@link PrometheusRegistry}. Thread-safe
 * (the client's metrics are). Label {@code target} is the PredictiveAutoscaler's name.
 */
public final class AutoscalerMetrics {
    private final Gauge forecast;
    private final Gauge desired;
    private final Gauge current;
    private final Gauge load;
    private final Gauge reactive;
    private final Gauge forecastError;
    private final Gauge fallbackActive;
    private final Gauge leader;
    private final Counter decisions;
    private final Counter scaleWrites;
    private final Counter prometheusFailures;
    private final Counter kubernetesFailures;

    public AutoscalerMetrics(PrometheusRegistry registry) {
        forecast = Gauge.builder().name("foresight_autoscaler_forecast")
                .help("Forecast peak load over the startup delay plus one sync period, in the metric's unit")
                .labelNames("target").register(registry);
        desired = Gauge.builder().name("foresight_autoscaler_desired_replicas")
                .help("Replicas the autoscaler decided on (after behaviour and bounds)")
                .labelNames("target").register(registry);
        current = Gauge.builder().name("foresight_autoscaler_current_replicas")
                .help("Replicas the target's /scale reported").labelNames("target").register(registry);
        load = Gauge.builder().name("foresight_autoscaler_load")
                .help("Latest load read from Prometheus").labelNames("target").register(registry);
        reactive = Gauge.builder().name("foresight_autoscaler_reactive_replicas")
                .help("What the Kubernetes HPA rule alone proposes").labelNames("target").register(registry);
        forecastError = Gauge.builder().name("foresight_autoscaler_forecast_error")
                .help("Recent relative error of the selected model's peak forecasts")
                .labelNames("target").register(registry);
        fallbackActive = Gauge.builder().name("foresight_autoscaler_fallback_active")
                .help("1 while the metric has failed past the threshold and fallback replicas apply")
                .labelNames("target").register(registry);
        leader = Gauge.builder().name("foresight_autoscaler_leader")
                .help("1 while this instance holds the leader Lease").register(registry);
        decisions = Counter.builder().name("foresight_autoscaler_decisions")
                .help("Decisions made, by the rules that applied (a decision counts once per reason)")
                .labelNames("target", "reason").register(registry);
        scaleWrites = Counter.builder().name("foresight_autoscaler_scale_writes")
                .help("Replica counts written to the target").labelNames("target").register(registry);
        prometheusFailures = Counter.builder().name("foresight_autoscaler_prometheus_failures")
                .help("Failed reads of the load metric, by cause").labelNames("target", "cause").register(registry);
        kubernetesFailures = Counter.builder().name("foresight_autoscaler_kubernetes_failures")
                .help("Failed Kubernetes API calls, by operation").labelNames("target", "operation").register(registry);
    }

    public void observed(String target, double loadValue, int currentReplicas) {
        load.labelValues(target).set(loadValue);
        current.labelValues(target).set(currentReplicas);
    }

    public void currentReplicas(String target, int replicas) {
        current.labelValues(target).set(replicas);
    }

    public void decided(String target, int desiredReplicas, int reactiveReplicas, double forecastPeak,
                        double recentError, Iterable<String> reasons) {
        desired.labelValues(target).set(desiredReplicas);
        reactive.labelValues(target).set(reactiveReplicas);
        forecast.labelValues(target).set(forecastPeak);
        forecastError.labelValues(target).set(recentError);
        for (String reason : reasons) {
            decisions.labelValues(target, reason).inc();
        }
    }

    public void fallback(String target, boolean active) {
        fallbackActive.labelValues(target).set(active ? 1 : 0);
    }

    public void scaled(String target) {
        scaleWrites.labelValues(target).inc();
    }

    public void prometheusFailure(String target, String cause) {
        prometheusFailures.labelValues(target, cause).inc();
    }

    public void kubernetesFailure(String target, String operation) {
        kubernetesFailures.labelValues(target, operation).inc();
    }

    public void leader(boolean isLeader) {
        leader.set(isLeader ? 1 : 0);
    }

    /** Forgets a target that no longer exists. */
    public void remove(String target) {
        for (Gauge g : new Gauge[] {forecast, desired, current, load, reactive, forecastError, fallbackActive}) {
            g.remove(target);
        }
    }
}
