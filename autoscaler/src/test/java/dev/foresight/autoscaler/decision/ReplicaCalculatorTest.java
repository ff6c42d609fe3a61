package dev.foresight.autoscaler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.decision.ScaleDecision.Reason;
import dev.foresight.autoscaler.forecast.PeakForecast;
import org.junit.jupiter.api.Test;

class ReplicaCalculatorTest {
    // capacity 10 per replica, target 0.5, tolerance 0.1, no headroom, guardrail 0.5, 1..100
    private final ReplicaCalculator calculator = new ReplicaCalculator(
            new CalculatorSettings(10, 0.5, 1.0, 0.1, 0.0, 0.5, 1, 100));

    private static PeakForecast forecast(double peak, double upper, double error) {
        return new PeakForecast("holt-winters", 105, peak, upper, error, true);
    }

    @Test
    void launchesEarlyWhenTheUpperBoundOutgrowsReadyCapacity() {
        ScaleDecision d = calculator.decide(20, 4, forecast(60, 71, 0.05));
        assertEquals(4, d.reactiveReplicas());
        assertEquals(8, d.forecastReplicas());
        assertEquals(8, d.replicas());
        assertTrue(d.reasons().contains(Reason.FORECAST_ABOVE_REACTIVE));
        assertEquals("holt-winters", d.model());
    }

    @Test
    void neverProposesBelowTheReactiveRule() {
        ScaleDecision d = calculator.decide(45, 4, forecast(5, 6, 0.05));
        assertEquals(9, d.reactiveReplicas());
        assertEquals(9, d.replicas());
        assertTrue(d.reasons().contains(Reason.REACTIVE_FLOOR));
    }

    @Test
    void fallsBackToReactiveWhileRecentErrorIsPoor() {
        ScaleDecision d = calculator.decide(20, 4, forecast(200, 300, 0.8));
        assertEquals(4, d.replicas());
        assertTrue(d.guardrail());
        assertEquals(-1, d.forecastReplicas());
    }

    @Test
    void fallsBackToReactiveWithoutAUsableForecast() {
        ScaleDecision d = calculator.decide(31, 4, PeakForecast.none());
        assertEquals(7, d.replicas());
        assertTrue(d.reasons().contains(Reason.NO_FORECAST));
        assertFalse(d.guardrail());
    }

    @Test
    void skipsDecreasesInsideTheToleranceBand() {
        // reactive wants 3 (signal 12), the forecast 19 of 20: within 10 % of current, keep
        ScaleDecision keep = calculator.decide(12, 20, forecast(185, 190, 0.05));
        assertEquals(20, keep.replicas());
        ScaleDecision drop = calculator.decide(12, 20, forecast(120, 150, 0.05));
        assertEquals(15, drop.replicas());
    }

    @Test
    void widensForecastScaleUpsByTheHeadroom() {
        ReplicaCalculator wide = new ReplicaCalculator(new CalculatorSettings(10, 0.5, 1.0, 0.1, 0.25, 0.5, 1, 100));
        ScaleDecision d = wide.decide(20, 4, forecast(60, 71, 0.05));
        assertEquals(10, d.replicas());
        assertTrue(d.reasons().contains(Reason.SCALE_UP_HEADROOM));
    }

    @Test
    void clampsToMaxReplicasAndSaysSo() {
        ScaleDecision d = calculator.decide(20, 4, forecast(5000, 6000, 0.05));
        assertEquals(100, d.replicas());
        assertTrue(d.reasons().contains(Reason.CLAMPED_TO_MAX));
        assertTrue(d.describe().stream().anyMatch(s -> s.contains("maxReplicas")));
    }
}
