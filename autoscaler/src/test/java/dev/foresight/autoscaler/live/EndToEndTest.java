package dev.foresight.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.autoscaler.harness.MockKubernetes;
import dev.foresight.autoscaler.harness.RealPrometheus;
import dev.foresight.autoscaler.harness.Trace;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole autoscaler, as the service it ships as (Micronaut context with its HTTP server, the
 * micronaut-kubernetes {@code ApiClient}, leader election on a Lease), against a real Prometheus
 * backfilled with a week of the NYC taxi trace and fabric8's mock API ({@code /scale} answered by
 * the test's dispatcher, which the mock lacks).
 *
 * <p>"Now" is mapped onto Wednesday 2014-07-16 05:00, an hour before the morning rise that every
 * weekday of the backfilled week shows. The load now (24.9 req/s at 10 per replica and 0.7
 * utilisation) asks the HPA rule for 4 replicas; with a startup delay of one hour (so the rise falls
 * inside the horizon of a single sync) the autoscaler must ask for more, ahead of the rise.
 *
 * <p>By default the service runs in this JVM; with {@code -Dforesight.autoscaler.jar=PATH} (e.g.
 * {@code target/foresight-autoscaler.jar} after {@code package}) the shipped jar runs as a process
 * instead, configured through the environment as the chart configures it, and is stopped with
 * SIGTERM.
 */
class EndToEndTest {
    private static final long TRACE_NOW = Trace.time("2014-07-16 05:00:00");

    @Test
    void scalesADeploymentAheadOfTheRiseTheHistoryPredicts(@TempDir Path dir) throws Exception {
        assumeTrue(RealPrometheus.installed(), "Debian package prometheus is not installed");
        Instant now = Instant.now();
        String week = Trace.nycTaxi().openMetrics("foresight_trace_load", TRACE_NOW, Duration.ofDays(7),
                Duration.ofMinutes(1), 0.01, now);
        try (RealPrometheus prometheus = RealPrometheus.start(dir, week, List.of());
             MockKubernetes k8s = new MockKubernetes()) {
            k8s.deployment("serving", 4);
            Map<String, Object> spec = new HashMap<>();
            spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "serving"));
            spec.put("minReplicas", 1);
            spec.put("maxReplicas", 20);
            spec.put("metric", Map.of("query", "sum(foresight_trace_load)", "targetPerReplica", 10));
            spec.put("targetUtilization", 0.7);
            spec.put("startupDelay", "1h");
            spec.put("fallback", Map.of("replicas", 4, "failureThreshold", 3));
            k8s.predictiveAutoscaler("serving", spec);

            Map<String, Object> config = Map.of(
                    "kubernetes.client.base-path", k8s.url(),
                    "foresight.prometheus.url", prometheus.url().toString(),
                    "foresight.sync-period", "1s",
                    "foresight.history", "7d",
                    "foresight.namespace", MockKubernetes.NAMESPACE,
                    "foresight.pod-name", "autoscaler-0",
                    "foresight.leader-election.lease", "foresight-autoscaler");
            HttpClient http = HttpClient.newHttpClient();
            String jar = System.getProperty("foresight.autoscaler.jar", "");
            try (Running autoscaler = jar.isEmpty() ? inProcess(config) : process(Path.of(jar), config, dir)) {
                URI base = autoscaler.base();
                eventually(Duration.ofSeconds(90), () -> k8s.replicas("serving") > 4);
                eventually(Duration.ofSeconds(10), () -> k8s.replicas("serving") >= 7);

                eventually(Duration.ofSeconds(10), () -> k8s.status("serving").get("chosenModel") != null);
                int replicas = k8s.replicas("serving");
                assertTrue(replicas <= 20, "maxReplicas");
                Map<String, Object> status = k8s.status("serving");
                assertTrue(status.get("chosenModel") != null, "status names the model: " + status);
                assertTrue(((Number) status.get("forecast")).doubleValue() > 24.9 * 2,
                        "the forecast peak over the next hour is well above the load now: " + status);
                String scaling = String.valueOf(k8s.condition("serving", "ScalingActive").get("message"));
                assertTrue(scaling.contains("launching early"), scaling);
                assertTrue(k8s.events("serving").stream().anyMatch(e -> e.startsWith("SuccessfulRescale:")),
                        k8s.events("serving").toString());
                assertEquals("autoscaler-0", k8s.fabric8().leases().withName("foresight-autoscaler").get()
                        .getSpec().getHolderIdentity());

                String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("foresight_autoscaler_reactive_replicas{target=\"serving\"} 4.0"), metrics);
                for (String name : List.of("foresight_autoscaler_forecast{target=\"serving\"}",
                        "foresight_autoscaler_desired_replicas{target=\"serving\"}",
                        "foresight_autoscaler_current_replicas{target=\"serving\"}",
                        "foresight_autoscaler_load{target=\"serving\"}",
                        "foresight_autoscaler_decisions_total{reason=\"forecast_above_reactive\",target=\"serving\"}",
                        "foresight_autoscaler_leader 1.0")) {
                    assertTrue(metrics.contains(name), name + " in\n" + metrics);
                }
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("UP"), health.body());
            }
            assertEquals("", k8s.fabric8().leases().withName("foresight-autoscaler").get().getSpec()
                    .getHolderIdentity(), "graceful shutdown releases the lease");
        }
    }

    /** The autoscaler under test, however it runs. */
    private interface Running extends AutoCloseable {
        URI base();

        @Override
        void close() throws Exception;
    }

    private static Running inProcess(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("micronaut.server.port", -1);
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, all).getApplicationContext();
        URI base = context.getBean(EmbeddedServer.class).getURI();
        return new Running() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    /** The jar as users run it: settings as environment variables (a.b-c becomes A_B_C). */
    private static Running process(Path jar, Map<String, Object> config, Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("autoscaler.log").toFile());
        config.forEach((key, value) -> builder.environment().put(
                key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), String.valueOf(value)));
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().put("POD_NAMESPACE", String.valueOf(config.get("foresight.namespace")));
        builder.environment().put("POD_NAME", String.valueOf(config.get("foresight.pod-name")));
        Process process = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        eventually(Duration.ofSeconds(60), () -> {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return new Running() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() throws Exception {
                process.destroy(); // SIGTERM: graceful shutdown
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                System.out.println(java.nio.file.Files.readString(dir.resolve("autoscaler.log")));
            }
        };
    }

    private static void eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(200);
        }
    }
}
