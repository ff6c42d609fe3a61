package dev.foresight.autoscaler.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.harness.FakePrometheus;
import dev.foresight.autoscaler.resource.Condition;
import dev.foresight.autoscaler.resource.ConditionStatus;
import dev.foresight.autoscaler.resource.ConditionType;
import dev.foresight.autoscaler.resource.Fallback;
import dev.foresight.autoscaler.resource.Mode;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault table of the live autoscaler, one fault per case, with the real Prometheus client
 * (against a loopback server answering the fault), the real Kubernetes client (against fabric8's
 * mock; {@code /scale} answered by the test's dispatcher) and the control loop in between.
 */
class ControlLoopFaultTest {
    private LoopFixture fx;

    @BeforeEach
    void start() {
        fx = new LoopFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static Stream<Arguments> metricFaults() {
        return Stream.<Arguments>of(
                Arguments.of("Prometheus down", "PrometheusUnreachable",
                        (Consumer<LoopFixture>) f -> f.prometheusDown.set(true)),
                Arguments.of("Prometheus slow", "PrometheusTimeout",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.slow(1_000))),
                Arguments.of("empty vector", "MetricEmpty",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.emptyVector())),
                Arguments.of("NaN", "MetricNotANumber",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.value("NaN"))),
                Arguments.of("garbage", "MetricUnparseable",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.garbage())),
                Arguments.of("negative", "MetricNegative",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.value("-50"))),
                Arguments.of("absurd 1e30", "MetricAbsurd",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.value("1e30"))),
                Arguments.of("server error", "PrometheusError",
                        (Consumer<LoopFixture>) f -> f.prometheus.answer(FakePrometheus.error(503))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricFaults")
    void aMetricFaultHoldsTheCountThenFallsBackThenRecoversByItself(String fault, String reason,
                                                                   Consumer<LoopFixture> inject) {
        fx.k8s.deployment("web", 4);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, new Fallback(6, 3, true)));
        inject.accept(fx);

        for (int sync = 1; sync <= 2; sync++) {
            PredictiveAutoscalerStatus s = loop.sync();
            assertEquals(4, fx.k8s.replicas("web"), "held at sync " + sync);
            assertEquals(4, s.desiredReplicas());
            assertCondition(s, ConditionType.ScalingActive, ConditionStatus.False, reason);
            assertCondition(s, ConditionType.FallbackActive, ConditionStatus.False, "BelowFailureThreshold");
        }
        PredictiveAutoscalerStatus third = loop.sync();
        assertEquals(6, fx.k8s.replicas("web"), "fallback after the threshold");
        assertCondition(third, ConditionType.FallbackActive, ConditionStatus.True, reason);
        assertEquals(1.0, fx.metric("foresight_autoscaler_fallback_active", "target", "web-pa"));
        assertTrue(fx.metric("foresight_autoscaler_prometheus_failures", "target", "web-pa") >= 3);
        loop.sync();
        assertEquals(6, fx.k8s.replicas("web"), "stays at the fallback while the fault lasts");

        fx.prometheusDown.set(false);
        fx.prometheus.answer(FakePrometheus.value("35"));
        PredictiveAutoscalerStatus recovered = loop.sync();
        assertCondition(recovered, ConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound");
        assertCondition(recovered, ConditionType.FallbackActive, ConditionStatus.False, "MetricRecovered");
        assertEquals(5, fx.k8s.replicas("web"), "35 / (10 x 0.7) = 5 replicas, decided on the metric again");
        List<String> events = fx.k8s.events("web");
        assertEquals(1, events.stream().filter(e -> e.startsWith("FallbackActive:")).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("FallbackRescale:")).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("FallbackEnded:")).count(), events.toString());
    }

    @Test
    void theFallbackNeverScalesBelowTheCurrentCount() {
        fx.k8s.deployment("web", 8);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, new Fallback(2, 1, true)));
        fx.prometheus.answer(FakePrometheus.emptyVector());
        PredictiveAutoscalerStatus s = loop.sync();
        assertCondition(s, ConditionType.FallbackActive, ConditionStatus.True, "MetricEmpty");
        assertEquals(8, fx.k8s.replicas("web"));
        assertEquals(0, fx.k8s.dispatcher().count("PATCH", "/scale"));
    }

    @Test
    void theFallbackMayScaleDownOnlyWhenConfiguredTo() {
        fx.k8s.deployment("web", 8);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, new Fallback(2, 1, false)));
        fx.prometheus.answer(FakePrometheus.emptyVector());
        loop.sync();
        assertEquals(2, fx.k8s.replicas("web"));
    }

    @Test
    void withoutAFallbackTheCountIsHeldForAsLongAsTheFaultLasts() {
        fx.k8s.deployment("web", 3);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("NaN"));
        for (int i = 0; i < 6; i++) {
            loop.sync();
        }
        assertEquals(3, fx.k8s.replicas("web"));
        assertEquals(0, fx.k8s.dispatcher().count("PATCH", "/scale"));
    }

    @Test
    void maxReplicasIsNeverExceededWhateverTheLoad() {
        fx.k8s.deployment("web", 6);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("1e14"));
        for (int i = 0; i < 4; i++) {
            PredictiveAutoscalerStatus s = loop.sync();
            assertTrue(s.desiredReplicas() <= 10, "desired " + s.desiredReplicas());
            assertTrue(fx.k8s.replicas("web") <= 10);
        }
        assertEquals(10, fx.k8s.replicas("web"));
        assertEquals(10.0, fx.metric("foresight_autoscaler_desired_replicas", "target", "web-pa"));
    }

    @Test
    void aCountAboveMaxReplicasIsBroughtDownToIt() {
        fx.k8s.deployment("web", 15);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("1e9"));
        loop.sync();
        assertEquals(10, fx.k8s.replicas("web"));
    }

    @Test
    void forecastOnlyComputesAndPublishesButNeverScales() {
        fx.k8s.deployment("web", 2);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.ForecastOnly, new Fallback(5, 1, true)));
        fx.prometheus.answer(FakePrometheus.value("60"));
        PredictiveAutoscalerStatus s = loop.sync();
        assertNull(s.desiredReplicas());
        assertEquals(9.0, fx.metric("foresight_autoscaler_reactive_replicas", "target", "web-pa"),
                "60 / 7 -> 9, published");
        assertEquals(6.0, fx.metric("foresight_autoscaler_desired_replicas", "target", "web-pa"),
                "after the HPA's scale-up rate (+100% or +4 per 15 s) from 2");
        fx.prometheus.answer(FakePrometheus.garbage());
        loop.sync();
        assertEquals(2, fx.k8s.replicas("web"), "neither the decision nor the fallback is applied");
        assertEquals(0, fx.k8s.dispatcher().count("PATCH", "/scale"));
    }

    @Test
    void aFollowerDecidesButDoesNotScale() {
        fx.k8s.deployment("web", 2);
        fx.leader.set(false);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("60"));
        loop.sync();
        assertEquals(2, fx.k8s.replicas("web"));
        assertEquals(0, fx.k8s.dispatcher().count("PATCH", "/scale"));
    }

    @Test
    void aMissingTargetIsReportedOnceAndPickedUpWhenItAppears() {
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("30"));
        for (int i = 0; i < 3; i++) {
            PredictiveAutoscalerStatus s = loop.sync();
            assertCondition(s, ConditionType.AbleToScale, ConditionStatus.False, "TargetNotFound");
        }
        assertEquals(1, fx.k8s.events("web").stream().filter(e -> e.startsWith("FailedGetScale:")).count(),
                "one Event per new problem, not one per sync");
        fx.k8s.deployment("web", 1);
        PredictiveAutoscalerStatus s = loop.sync();
        assertCondition(s, ConditionType.AbleToScale, ConditionStatus.True, "SucceededGetScale");
        assertEquals(5, fx.k8s.replicas("web"));
    }

    @Test
    void aTargetWithoutScaleSubresourceIsNotScalable() {
        fx.k8s.fabric8().configMaps().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("web").endMetadata().build()).create();
        ControlLoop loop = fx.loop(new dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec(
                new dev.foresight.autoscaler.resource.ScaleTargetRef("v1", "ConfigMap", "web"), 1, 10,
                LoopFixture.METRIC, 0.7, java.time.Duration.ofSeconds(60), LoopFixture.FAST, Mode.Auto, null));
        PredictiveAutoscalerStatus s = loop.sync();
        assertCondition(s, ConditionType.AbleToScale, ConditionStatus.False, "TargetNotScalable");
        assertEquals(1, fx.k8s.events("web").size());
    }

    @Test
    void kubernetesErrorsAndConflictsAreRetriedWithoutDoubleScaling() {
        fx.k8s.deployment("web", 2);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("35"));
        fx.k8s.dispatcher().inject(r -> r.getMethod().equals("GET") && r.getPath().endsWith("/scale"), 500, "down");
        fx.k8s.dispatcher().inject(r -> r.getMethod().equals("PATCH"), 500, "etcd timeout");
        fx.k8s.dispatcher().inject(r -> r.getMethod().equals("PATCH"), 409, "conflict");
        PredictiveAutoscalerStatus s = loop.sync();
        assertEquals(5, fx.k8s.replicas("web"));
        assertCondition(s, ConditionType.AbleToScale, ConditionStatus.True, "SucceededGetScale");
        assertEquals(1, fx.k8s.events("web").stream().filter(e -> e.startsWith("SuccessfulRescale:")).count());
        loop.sync();
        assertEquals(1, fx.k8s.events("web").stream().filter(e -> e.startsWith("SuccessfulRescale:")).count(),
                "nothing more to do on the next sync");
    }

    @Test
    void aKubernetesOutageIsAConditionNotACrash() {
        fx.k8s.deployment("web", 2);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("35"));
        for (int i = 0; i < 4; i++) {
            fx.k8s.dispatcher().inject(r -> r.getPath().endsWith("/scale"), 503, "apiserver unavailable");
        }
        PredictiveAutoscalerStatus s = loop.sync();
        assertCondition(s, ConditionType.AbleToScale, ConditionStatus.False, "KubernetesApiError");
        assertEquals(2, fx.k8s.replicas("web"));
        assertEquals(1.0, fx.metric("foresight_autoscaler_kubernetes_failures", "target", "web-pa",
                "operation", "read-scale"));
        loop.sync();
        assertEquals(5, fx.k8s.replicas("web"), "recovers by itself");
    }

    @Test
    void aStalledKubernetesApiIsATimeoutNotAHang() {
        fx.k8s.deployment("web", 2);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null));
        fx.prometheus.answer(FakePrometheus.value("35"));
        for (int i = 0; i < 4; i++) {
            fx.k8s.dispatcher().stall(r -> r.getPath().endsWith("/scale"), 3_000);
        }
        long start = System.nanoTime();
        PredictiveAutoscalerStatus s = loop.sync();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertCondition(s, ConditionType.AbleToScale, ConditionStatus.False, "KubernetesApiError");
        assertTrue(millis < 4 * 500 + 1_000, "4 attempts of at most 500 ms, took " + millis + " ms");
        loop.sync();
        assertEquals(5, fx.k8s.replicas("web"), "recovers by itself");
    }

    @Test
    void aLoopStartedDuringAnOutageReadsItsHistoryOncePrometheusAnswers() {
        fx.k8s.deployment("web", 2);
        ControlLoop loop = fx.loop(LoopFixture.spec(1, 10, Mode.Auto, null), java.time.Duration.ofHours(1));
        fx.prometheusDown.set(true);
        loop.sync();
        loop.sync();
        assertEquals(0, fx.prometheus.rangeRequests());
        fx.prometheusDown.set(false);
        fx.prometheus.answer(FakePrometheus.value("35"));
        fx.prometheus.answerRange(FakePrometheus.matrix(60, 30));
        loop.sync();
        assertEquals(1, fx.prometheus.rangeRequests(), "history read after the outage");
        loop.sync();
        loop.sync();
        assertEquals(1, fx.prometheus.rangeRequests(), "and only once");
    }

    private static void assertCondition(PredictiveAutoscalerStatus status, ConditionType type, ConditionStatus expected,
                                        String reason) {
        Condition c = status.condition(type).orElseThrow(() -> new AssertionError("no " + type + " in " + status));
        assertEquals(expected, c.status(), type + ": " + c);
        assertEquals(reason, c.reason(), type + ": " + c);
    }
}
