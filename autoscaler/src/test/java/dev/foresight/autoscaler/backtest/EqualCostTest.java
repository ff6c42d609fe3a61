package dev.foresight.autoscaler.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EqualCostTest {
    private static PolicySummary point(String name, double minutes, double hours) {
        return new PolicySummary(name, 0.5, minutes, 0, hours, 0, 100);
    }

    private final List<PolicySummary> curve = List.of(
            point("hpa@0.90", 400, 100), point("hpa@0.50", 20, 300), point("hpa@0.70", 100, 200));

    @Test
    void interpolatesTheHpaCurveAtThePolicysCost() {
        EqualCost e = EqualCost.compare(point("predictive", 30, 250), curve);
        assertEquals(60, e.hpaViolationMinutes(), 1e-9);
        assertEquals(0.5, e.ratio(), 1e-9);
        assertTrue(e.withinCurve());
    }

    @Test
    void flagsACostOutsideTheCurve() {
        EqualCost e = EqualCost.compare(point("predictive", 0, 350), curve);
        assertEquals(0, e.hpaViolationMinutes(), 1e-9, "extrapolation is floored at zero");
        assertFalse(e.withinCurve());
        assertTrue(Double.isNaN(e.ratio()), "0 against 0 has no ratio");
    }
}
