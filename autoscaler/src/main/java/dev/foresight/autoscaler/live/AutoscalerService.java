package dev.foresight.autoscaler.live;

import dev.foresight.autoscaler.cluster.LeaseLeaderElector;
import dev.foresight.autoscaler.cluster.PredictiveAutoscalerWatch;
import dev.foresight.autoscaler.control.Controller;
import dev.foresight.autoscaler.metrics.AutoscalerMetrics;
import io.kubernetes.client.openapi.ApiClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs leader election and the controller on a schedule from startup to shutdown, plus a watch of
 * the resources that reconciles between periods ({@code foresight.watch.enabled}, on by default).
 * On shutdown the watch and the schedule stop, a sync in progress finishes (bounded by one sync
 * period), then the lease is released so another instance takes over at once.
 */
@Context
@Requires(property = "foresight.controller.enabled", notEquals = "false")
public class AutoscalerService {
    private static final Logger LOG = LoggerFactory.getLogger(AutoscalerService.class);

    private final AutoscalerConfiguration config;
    private final Controller controller;
    private final Optional<LeaseLeaderElector> elector;
    private final ApiClient client;
    private final AutoscalerMetrics metrics;
    private final boolean watch;
    private PredictiveAutoscalerWatch resourceWatch;
    private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "foresight-schedule");
        t.setDaemon(true);
        return t;
    });

    public AutoscalerService(AutoscalerConfiguration config, Controller controller, Optional<LeaseLeaderElector> elector,
                             ApiClient client, AutoscalerMetrics metrics,
                             @io.micronaut.context.annotation.Value("${foresight.watch.enabled:true}") boolean watch) {
        this.config = config;
        this.controller = controller;
        this.elector = elector;
        this.client = client;
        this.metrics = metrics;
        this.watch = watch;
    }

    @PostConstruct
    void start() {
        LOG.info("autoscaler starting: namespace {}, Prometheus {}, sync every {}, {}", config.namespace(),
                config.prometheus().url(), config.syncPeriod(),
                elector.map(e -> "leader election on Lease " + config.leaderElection().lease() + " as " + e.identity())
                        .orElse("no leader election"));
        elector.ifPresent(e -> {
            e.tryAcquireOrRenew();
            long retry = config.leaderElection().retryPeriod().toMillis();
            schedule.scheduleWithFixedDelay(() -> guarded("leader election", e::tryAcquireOrRenew),
                    retry, retry, TimeUnit.MILLISECONDS);
        });
        long period = config.syncPeriod().toMillis();
        schedule.scheduleAtFixedRate(() -> guarded("controller cycle", controller::cycle), 0, period,
                TimeUnit.MILLISECONDS);
        if (watch) {
            resourceWatch = new PredictiveAutoscalerWatch(client, config.namespace(), config.syncPeriod(), 300,
                    () -> schedule.execute(() -> guarded("reconcile", controller::reconcileNow)),
                    () -> metrics.kubernetesFailure("", "watch")).start();
        }
    }

    /** A scheduled task that throws is never run again: log and carry on instead. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; trying again next period", what, e);
        }
    }

    @PreDestroy
    void stop() {
        LOG.info("autoscaler stopping");
        if (resourceWatch != null) {
            resourceWatch.close();
        }
        schedule.shutdownNow();
        controller.close();
        elector.ifPresent(LeaseLeaderElector::release);
    }
}
