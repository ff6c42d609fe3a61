package dev.foresight.autoscaler.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictiveAutoscalerSpecTest {
    private static final ScaleTargetRef TARGET = new ScaleTargetRef("apps/v1", "Deployment", "shop");
    private static final MetricSpec METRIC = new MetricSpec("sum(rate(x[2m]))", 100);

    @Test
    void leftOutFieldsGetTheDocumentedDefaults() {
        PredictiveAutoscalerSpec spec = new PredictiveAutoscalerSpec(TARGET, null, 5, METRIC, null, null, null, null, null);

        assertEquals(1, spec.minReplicas());
        assertEquals(0.7, spec.targetUtilization());
        assertEquals(Duration.ofSeconds(60), spec.startupDelay());
        assertEquals(Mode.Auto, spec.mode());
        assertEquals(Behavior.DEFAULT, spec.behavior());
        assertEquals(70.0, spec.plannedLoadPerReplica(), 1e-9);
    }

    @Test
    void partialRulesKeepTheHpaDefaultsOfTheirDirectionForTheRest() {
        Behavior behavior = new Behavior(null, new ScalingRules(600, null, null), null);

        assertEquals(600, behavior.scaleDown().stabilizationWindowSeconds());
        assertEquals(Behavior.DEFAULT_SCALE_DOWN.policies(), behavior.scaleDown().policies());
        assertEquals(SelectPolicy.Max, behavior.scaleDown().selectPolicy());
        assertEquals(Behavior.DEFAULT_SCALE_UP, behavior.scaleUp());
        assertEquals(0.1, behavior.tolerance());
    }

    @Test
    void emptyPoliciesAreOnlyAllowedWhenTheDirectionIsDisabled() {
        new Behavior(null, new ScalingRules(null, SelectPolicy.Disabled, List.of()), null);

        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> new Behavior(new ScalingRules(null, SelectPolicy.Max, List.of()), null, null));
        assertTrue(rejected.getMessage().contains("behavior.scaleUp.policies"), rejected.getMessage());
    }

    @Test
    void rejectsBoundsThatCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> new PredictiveAutoscalerSpec(TARGET, 4, 3, METRIC, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new PredictiveAutoscalerSpec(TARGET, 1, 3, METRIC, null, null, null, null, new Fallback(4, null, null)));
        assertThrows(IllegalArgumentException.class, () -> new MetricSpec("up", 0));
        assertThrows(IllegalArgumentException.class, () -> new MetricSpec("up", Double.NaN));
    }

    @Test
    void messagesNameTheFieldAsWrittenInTheResource() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> new ScaleTargetRef("apps/v1", "Deployment", " "));

        assertEquals("scaleTargetRef.name is required", rejected.getMessage());
    }

    @Test
    void fallbackNeverGoesBelowTheCurrentCountUnlessToldTo() {
        assertTrue(new Fallback(3, null, null).neverBelowCurrent());
        assertEquals(3, new Fallback(3, null, null).failureThreshold());
    }

    @Test
    void statusHoldsAtMostOneConditionOfEachType() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Condition active = new Condition(ConditionType.ScalingActive, ConditionStatus.True, "ValidMetric", null, now);

        PredictiveAutoscalerStatus status = new PredictiveAutoscalerStatus(2, 3, 250.0, "holt-winters", now, 4L, List.of(active));

        assertEquals(active, status.condition(ConditionType.ScalingActive).orElseThrow());
        assertTrue(status.condition(ConditionType.FallbackActive).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> new PredictiveAutoscalerStatus(null, null, null, null, null, null, List.of(active, active)));
    }

    @Test
    void targetGroupIsEmptyForTheCoreGroup() {
        assertEquals("apps", TARGET.group());
        assertEquals("", new ScaleTargetRef("v1", "ReplicationController", "old").group());
    }
}
