package dev.foresight.serving.http;

import dev.foresight.serving.dispatch.PayloadObserver;
import dev.foresight.serving.metrics.MonitoringMetrics;
import dev.foresight.serving.monitoring.DirectoryProfileSource;
import dev.foresight.serving.monitoring.ModelMonitors;
import dev.foresight.serving.monitoring.MonitoringQueue;
import dev.foresight.serving.payloadlog.PayloadLogger;
import dev.foresight.serving.repository.ModelRepository;
import dev.foresight.serving.repository.ModelStatus;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires monitoring and payload logging to the dispatcher's {@link PayloadObserver} seam: with both
 * off the dispatcher gets {@link PayloadObserver#NONE} and the request path is unchanged.
 */
@Factory
class MonitoringFactory {

    @Singleton
    ModelMonitors modelMonitors(MonitoringConfiguration config, RepositoryConfiguration models, ModelRepository repository) {
        return new ModelMonitors(new DirectoryProfileSource(Path.of(models.dir())), config.settings(), System::nanoTime,
                (model, version) -> repository.status(model).map(ModelStatus::servedVersions)
                        .map(versions -> versions.contains(version)).orElse(false));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "foresight.monitoring.enabled", notEquals = "false")
    MonitoringQueue monitoringQueue(ModelMonitors monitors) {
        return new MonitoringQueue(monitors);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "foresight.payload-log.url")
    PayloadLogger payloadLogger(PayloadLogConfiguration config) {
        return new PayloadLogger(config.settings());
    }

    /** What the dispatcher tells of every answered request. */
    @Singleton
    PayloadObserver payloadObserver(Optional<MonitoringQueue> monitoring, Optional<PayloadLogger> payloadLog) {
        List<PayloadObserver> observers = new ArrayList<>();
        monitoring.ifPresent(observers::add);
        payloadLog.ifPresent(observers::add);
        return PayloadObserver.of(observers);
    }

    /** Eager, so that the drift series are registered before the first scrape. */
    @Context
    MonitoringMetrics monitoringMetrics(PrometheusRegistry registry, ModelMonitors monitors,
                                        Optional<PayloadLogger> payloadLog, MonitoringConfiguration config) {
        MonitoringMetrics metrics = new MonitoringMetrics(monitors,
                () -> payloadLog.map(PayloadLogger::counts).orElse(Map.of()), config.metricFeatures());
        registry.register(metrics);
        return metrics;
    }
}
