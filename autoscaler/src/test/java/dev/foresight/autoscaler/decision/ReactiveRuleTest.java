package dev.foresight.autoscaler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReactiveRuleTest {

    @ParameterizedTest(name = "signal {0} with {1} replicas -> {2}")
    @CsvSource({
        // capacity 10, target 0.5: 5 per replica
        "20, 4, 4",    // ratio 1.0: keep
        "21.9, 4, 4",  // ratio 1.095: inside the 0.1 band
        "22.5, 4, 5",  // ratio 1.125: ceil(4.5)
        "18.1, 4, 4",  // ratio 0.905: inside the band
        "17.5, 4, 4",  // ratio 0.875: ceil(3.5) = 4
        "12, 4, 3",    // ratio 0.6: ceil(2.4)
        "0, 4, 0",     // no load: 0, bounds are applied later
        "100, 1, 20"})
    void followsTheKubernetesRuleWithTolerance(double signal, int current, int expected) {
        assertEquals(expected, ReactiveRule.propose(signal, current, 10, 0.5, 0.1));
    }
}
