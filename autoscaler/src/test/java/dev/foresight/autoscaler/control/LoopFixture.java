package dev.foresight.autoscaler.control;

import dev.foresight.autoscaler.cluster.Leadership;
import dev.foresight.autoscaler.harness.FakePrometheus;
import dev.foresight.autoscaler.harness.MockKubernetes;
import dev.foresight.autoscaler.live.KubernetesCallTimeouts;
import dev.foresight.autoscaler.metrics.AutoscalerMetrics;
import dev.foresight.autoscaler.resource.Behavior;
import dev.foresight.autoscaler.resource.Fallback;
import dev.foresight.autoscaler.resource.MetricSpec;
import dev.foresight.autoscaler.resource.Mode;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import dev.foresight.autoscaler.resource.ScaleTargetRef;
import dev.foresight.autoscaler.resource.ScalingRules;
import dev.foresight.autoscaler.signal.LoadSample;
import dev.foresight.autoscaler.signal.LoadSource;
import dev.foresight.autoscaler.signal.LoadUnavailableException;
import dev.foresight.autoscaler.signal.PrometheusLoadSource;
import dev.foresight.autoscaler.signal.PrometheusSettings;
import dev.foresight.autoscaler.target.KubernetesEventRecorder;
import dev.foresight.autoscaler.target.KubernetesScaleTarget;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Real parts for control-loop tests: a loopback fake Prometheus read by the real
 * {@link PrometheusLoadSource}, fabric8's mock API read and scaled by the real
 * {@link KubernetesScaleTarget}, Events through the real recorder, metrics in a real registry.
 */
final class LoopFixture implements AutoCloseable {
    static final ScaleTargetRef WEB = new ScaleTargetRef("apps/v1", "Deployment", "web");
    /** Capacity 10 per replica at 0.7 utilisation: 7 per replica. */
    static final MetricSpec METRIC = new MetricSpec("sum(rate(requests_total[1m]))", 10);
    /** No scale-down stabilisation, so each test sees the rule it exercises. */
    static final Behavior FAST = new Behavior(null, new ScalingRules(0, null, null), null);

    final FakePrometheus prometheus = new FakePrometheus();
    final MockKubernetes k8s = new MockKubernetes();
    final PrometheusRegistry registry = new PrometheusRegistry();
    final AtomicBoolean leader = new AtomicBoolean(true);
    /** When true, the load source points at a closed port (Prometheus down). */
    final AtomicBoolean prometheusDown = new AtomicBoolean();
    private final LoadSource up = new PrometheusLoadSource(new PrometheusSettings(prometheus.url(),
            Duration.ofMillis(300), 2, Duration.ofMillis(10), PrometheusSettings.DEFAULT_ABSURD_ABOVE, 10_000));
    private final LoadSource down = new PrometheusLoadSource(new PrometheusSettings(URI.create("http://127.0.0.1:9"),
            Duration.ofMillis(300), 2, Duration.ofMillis(10), PrometheusSettings.DEFAULT_ABSURD_ABOVE, 10_000));

    static PredictiveAutoscalerSpec spec(int min, int max, Mode mode, Fallback fallback) {
        return new PredictiveAutoscalerSpec(WEB, min, max, METRIC, 0.7, Duration.ofSeconds(60), FAST, mode, fallback);
    }

    ControlLoop loop(PredictiveAutoscalerSpec spec) {
        return loop(spec, Duration.ZERO);
    }

    ControlLoop loop(PredictiveAutoscalerSpec spec, Duration history) {
        return new ControlLoop("web-pa", spec, 1, new LoopSettings(Duration.ofSeconds(1), history, 10_000),
                dependencies());
    }

    ControlLoop.Dependencies dependencies() {
        LoadSource switching = new LoadSource() {
            @Override
            public double latest(String query) throws LoadUnavailableException {
                return (prometheusDown.get() ? down : up).latest(query);
            }

            @Override
            public int history(String query, Instant from, Instant to, Duration step, Consumer<LoadSample> sink)
                    throws LoadUnavailableException {
                return (prometheusDown.get() ? down : up).history(query, from, to, step, sink);
            }
        };
        Leadership leadership = leader::get;
        return new ControlLoop.Dependencies(switching,
                new KubernetesScaleTarget(KubernetesCallTimeouts.bound(k8s.apiClient(), Duration.ofMillis(500)),
                        MockKubernetes.NAMESPACE, 3, Duration.ofMillis(10)),
                new KubernetesEventRecorder(k8s.apiClient(), MockKubernetes.NAMESPACE, "test", () -> { }),
                leadership, new AutoscalerMetrics(registry), Clock.systemUTC());
    }

    /**
     * Value of a counter (name without {@code _total}) or gauge whose labels include the given
     * name/value pairs, or 0 when there is none.
     */
    double metric(String name, String... labelPairs) {
        for (MetricSnapshot s : registry.scrape()) {
            if (!s.getMetadata().getPrometheusName().equals(name)) {
                continue;
            }
            for (var point : s.getDataPoints()) {
                boolean match = true;
                for (int i = 0; i < labelPairs.length; i += 2) {
                    match &= labelPairs[i + 1].equals(point.getLabels().get(labelPairs[i]));
                }
                if (match) {
                    return point instanceof CounterSnapshot.CounterDataPointSnapshot c ? c.getValue()
                            : ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue();
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        prometheus.close();
        k8s.close();
    }
}
