package dev.foresight.serving.http;

import dev.foresight.serving.inference.DjlOnnxModelLoader;
import dev.foresight.serving.dispatch.InferenceDispatcher;
import dev.foresight.serving.inference.InferenceExecutor;
import dev.foresight.serving.inference.RunnerFactory;
import dev.foresight.serving.dispatch.PayloadObserver;
import dev.foresight.serving.inference.SessionSettings;
import dev.foresight.serving.metrics.ServingMetrics;
import dev.foresight.serving.repository.DirectoryModelRepository;
import dev.foresight.serving.repository.RepositorySettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Optional;

/** Wires the plain-Java core of the server into Micronaut beans. */
@Factory
class ServingFactory {

    @Singleton
    PrometheusRegistry prometheusRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    @Singleton
    ServingMetrics servingMetrics(PrometheusRegistry registry) {
        return new ServingMetrics(registry);
    }

    /** Eager, so the first scan (and the shipped models' loading) happens at start-up. */
    @Context
    @Bean(preDestroy = "close")
    DirectoryModelRepository modelRepository(ServingConfiguration config, RepositoryConfiguration models,
                                             ServingMetrics metrics, InferenceExecutor executor) {
        SessionSettings session = new SessionSettings(config.intraOpThreads(), config.interOpThreads(),
                config.optimizationLevel());
        RepositorySettings settings = new RepositorySettings(Path.of(models.dir()),
                config.stateDir().isBlank() ? RepositorySettings.defaultStateFolder() : Path.of(config.stateDir()),
                session, models.settleTime(),
                // Test only, and only from the JVM command line: see LoadPause.
                Optional.ofNullable(System.getProperty("foresight.test-only.pause-while-loading")));
        DirectoryModelRepository repository = new DirectoryModelRepository(settings, new DjlOnnxModelLoader(),
                new RunnerFactory(executor, metrics), metrics);
        repository.start(models.pollInterval());
        return repository;
    }

    @Singleton
    @Bean(preDestroy = "close")
    InferenceExecutor inferenceExecutor(ServingConfiguration config) {
        return new InferenceExecutor(config.effectiveThreads(), config.queueCapacity());
    }

    @Singleton
    InferenceDispatcher inferenceDispatcher(DirectoryModelRepository repository, PayloadObserver observer) {
        return new InferenceDispatcher(repository, observer);
    }
}
