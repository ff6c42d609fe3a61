package dev.foresight.autoscaler.live;

import dev.foresight.autoscaler.cluster.LeaseLeaderElector;
import dev.foresight.autoscaler.cluster.LeaseSettings;
import dev.foresight.autoscaler.cluster.Leadership;
import dev.foresight.autoscaler.cluster.PredictiveAutoscalerClient;
import dev.foresight.autoscaler.control.ControlLoop;
import dev.foresight.autoscaler.control.Controller;
import dev.foresight.autoscaler.control.LoopSettings;
import dev.foresight.autoscaler.metrics.AutoscalerMetrics;
import dev.foresight.autoscaler.signal.LoadSource;
import dev.foresight.autoscaler.signal.PrometheusLoadSource;
import dev.foresight.autoscaler.signal.PrometheusSettings;
import dev.foresight.autoscaler.target.KubernetesEventRecorder;
import dev.foresight.autoscaler.target.KubernetesScaleTarget;
import io.kubernetes.client.openapi.ApiClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Builds the plain-Java parts from the configuration and the client's {@link ApiClient}. */
@Factory
public class AutoscalerFactory {

    @Singleton
    PrometheusRegistry registry() {
        return new PrometheusRegistry();
    }

    @Singleton
    AutoscalerMetrics metrics(PrometheusRegistry registry) {
        return new AutoscalerMetrics(registry);
    }

    @Singleton
    LoadSource loadSource(AutoscalerConfiguration config) {
        AutoscalerConfiguration.Prometheus p = config.prometheus();
        return new PrometheusLoadSource(new PrometheusSettings(URI.create(p.url()), p.timeout(), p.attempts(),
                p.backoff(), p.absurdAbove(), 10_000));
    }

    /** Only when a Lease name is configured; without one a single instance acts alone. */
    @Singleton
    @Requires(property = "foresight.leader-election.lease", pattern = ".+")
    LeaseLeaderElector elector(AutoscalerConfiguration config, ApiClient client, AutoscalerMetrics metrics) {
        AutoscalerConfiguration.LeaderElection le = config.leaderElection();
        return new LeaseLeaderElector(client, config.namespace(), le.lease(), identity(config),
                new LeaseSettings(le.leaseDuration(), le.renewDeadline(), le.retryPeriod()), Clock.systemUTC(),
                () -> metrics.kubernetesFailure("", "lease"));
    }

    @Singleton
    Controller controller(AutoscalerConfiguration config, ApiClient client, LoadSource load, AutoscalerMetrics metrics,
                          Optional<LeaseLeaderElector> elector) {
        Leadership leadership = elector.<Leadership>map(e -> e).orElse(Leadership.ALWAYS);
        ControlLoop.Dependencies deps = new ControlLoop.Dependencies(load,
                new KubernetesScaleTarget(client, config.namespace(), 3, Duration.ofMillis(200)),
                new KubernetesEventRecorder(client, config.namespace(), identity(config),
                        () -> metrics.kubernetesFailure("", "event")),
                leadership, metrics, Clock.systemUTC());
        LoopSettings settings = new LoopSettings(config.syncPeriod(), config.history(), 10_000);
        return new Controller(new PredictiveAutoscalerClient(client, config.namespace()), settings, deps,
                config.controller().threads());
    }

    static String identity(AutoscalerConfiguration config) {
        if (config.podName() != null && !config.podName().isBlank()) {
            return config.podName();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (UnknownHostException e) {
            return "foresight-autoscaler-" + UUID.randomUUID();
        }
    }
}
