package dev.foresight.autoscaler.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.cluster.PredictiveAutoscalerClient;
import dev.foresight.autoscaler.harness.FakePrometheus;
import dev.foresight.autoscaler.harness.MockKubernetes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller over PredictiveAutoscalers stored in fabric8's mock API (with the project's CRD). */
class ControllerTest {
    private LoopFixture fx;
    private Controller controller;

    @BeforeEach
    void start() {
        fx = new LoopFixture();
        controller = new Controller(new PredictiveAutoscalerClient(fx.k8s.apiClient(), MockKubernetes.NAMESPACE),
                new LoopSettings(Duration.ofSeconds(1), Duration.ZERO, 10_000), fx.dependencies(), 2);
        fx.prometheus.answer(FakePrometheus.value("35"));
    }

    @AfterEach
    void stop() {
        controller.close(Duration.ofSeconds(5));
        fx.close();
    }

    static Map<String, Object> validSpec(String target) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", target));
        spec.put("maxReplicas", 10);
        spec.put("metric", Map.of("query", "sum(rate(requests_total[1m]))", "targetPerReplica", 10));
        spec.put("behavior", Map.of("scaleDown", Map.of("stabilizationWindowSeconds", 0)));
        return spec;
    }

    @Test
    void aMalformedResourceIsReportedInItsStatusWhileTheOthersKeepWorking() {
        fx.k8s.deployment("web", 1);
        Map<String, Object> noMetric = validSpec("web");
        noMetric.remove("metric");
        Map<String, Object> badDelay = validSpec("web");
        badDelay.put("startupDelay", "soon");
        Map<String, Object> badBounds = validSpec("web");
        badBounds.put("minReplicas", 5);
        badBounds.put("maxReplicas", 2);
        fx.k8s.predictiveAutoscaler("no-metric", noMetric);
        fx.k8s.predictiveAutoscaler("bad-delay", badDelay);
        fx.k8s.predictiveAutoscaler("bad-bounds", badBounds);
        fx.k8s.predictiveAutoscaler("good", validSpec("web"));

        controller.cycle();
        eventually(() -> fx.k8s.replicas("web") == 5);

        assertEquals(java.util.Set.of("good"), controller.running());
        assertInvalid("no-metric", "metric is required");
        assertInvalid("bad-delay", "not a duration");
        assertInvalid("bad-bounds", "maxReplicas must be >= 5");
        eventually(() -> "True".equals(fx.k8s.condition("good", "ScalingActive").get("status")));
        Map<String, Object> good = fx.k8s.status("good");
        assertEquals(5, ((Number) good.get("desiredReplicas")).intValue());
        assertEquals(1, ((Number) good.get("observedGeneration")).intValue());
    }

    @Test
    void aDeletedResourceLosesItsLoopAndARecreatedOneGetsAFreshOne() {
        fx.k8s.deployment("web", 1);
        fx.k8s.predictiveAutoscaler("good", validSpec("web"));
        controller.cycle();
        assertEquals(java.util.Set.of("good"), controller.running());
        fx.k8s.deletePredictiveAutoscaler("good");
        controller.cycle();
        assertTrue(controller.running().isEmpty());
    }

    @Test
    void aFollowerListsNothingAndRunsNothing() {
        fx.k8s.deployment("web", 1);
        fx.k8s.predictiveAutoscaler("good", validSpec("web"));
        fx.leader.set(false);
        long before = fx.k8s.dispatcher().requests().size();
        controller.cycle();
        assertTrue(controller.running().isEmpty());
        assertEquals(before, fx.k8s.dispatcher().requests().size(), "no API call at all");
        assertEquals(1, fx.k8s.replicas("web"));
    }

    @Test
    void anApiOutageWhileListingIsSurvived() {
        fx.k8s.deployment("web", 1);
        fx.k8s.predictiveAutoscaler("good", validSpec("web"));
        fx.k8s.dispatcher().inject(r -> r.getPath().contains("/predictiveautoscalers"), 503, "unavailable");
        controller.cycle();
        assertTrue(controller.running().isEmpty());
        assertEquals(1.0, fx.metric("foresight_autoscaler_kubernetes_failures", "operation", "list"));
        controller.cycle();
        assertEquals(java.util.Set.of("good"), controller.running());
        eventually(() -> fx.k8s.replicas("web") == 5);
    }

    @Test
    void aWatchedChangeStartsANewLoopAtOnceAndLeavesTheOthersToTheirPeriod() {
        fx.k8s.deployment("web", 1);
        fx.k8s.deployment("api", 1);
        fx.k8s.predictiveAutoscaler("web", validSpec("web"));
        controller.cycle();
        eventually(() -> fx.k8s.replicas("web") == 5);
        long webReads = fx.k8s.dispatcher().count("GET", "/deployments/web/scale");

        fx.k8s.predictiveAutoscaler("api", validSpec("api"));
        controller.reconcileNow();
        eventually(() -> fx.k8s.replicas("api") == 5);
        assertEquals(webReads, fx.k8s.dispatcher().count("GET", "/deployments/web/scale"),
                "the existing loop is not synced again by the watch");
    }

    private void assertInvalid(String name, String messagePart) {
        eventually(() -> !fx.k8s.condition(name, "ScalingActive").isEmpty());
        Map<String, Object> c = fx.k8s.condition(name, "ScalingActive");
        assertEquals("False", c.get("status"), name + ": " + c);
        assertEquals("InvalidSpec", c.get("reason"), name + ": " + c);
        assertTrue(String.valueOf(c.get("message")).contains(messagePart), name + ": " + c.get("message"));
        assertFalse(controller.running().contains(name));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
