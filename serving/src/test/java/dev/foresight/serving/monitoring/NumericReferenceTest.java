package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumericReferenceTest {

    private static NumericReference uniform(int count) {
        double[] values = new double[count];
        Arrays.setAll(values, i -> i);
        return NumericReference.fromSorted(values, count, 0);
    }

    @Test
    void valuesFallBelowAtInsideOrAboveTheRange() {
        NumericReference reference = new NumericReference(new double[] {0, 1, 2}, new double[] {0.2, 0.6, 1}, 0);
        assertEquals(0, reference.bin(-0.5));
        assertEquals(1, reference.bin(0));
        assertEquals(2, reference.bin(0.5));
        assertEquals(2, reference.bin(1));
        assertEquals(3, reference.bin(1.5));
        assertEquals(4, reference.bin(2.5));
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.4, 0}, reference.shares(), 1e-12);
    }

    @Test
    void edgesArePercentilesWithExactSharesSoPointMassesStay() {
        double[] values = new double[100];
        for (int i = 50; i < 100; i++) {
            values[i] = i - 49; // 50 zeros, then 1..50
        }
        NumericReference reference = NumericReference.fromSorted(values, values.length, 0.25);
        assertEquals(0, reference.edges()[0]);
        assertEquals(0.5, reference.cdf()[0], 1e-12);
        assertEquals(50, reference.edges()[reference.edges().length - 1]);
        assertEquals(0.25, reference.missingShare());
        assertEquals(0.5, reference.shares()[1], 1e-12, "the point mass at 0 keeps its own bin");
    }

    @Test
    void psiGroupsCutTheRangeIntoTenEqualShares() {
        NumericReference reference = uniform(1000);
        double[] grouped = DriftStatistics.grouped(reference.shares(), reference.groups(), reference.groupCount());
        assertEquals(12, grouped.length, Arrays.toString(grouped));
        assertEquals(0, grouped[0]);
        assertEquals(0, grouped[11]);
        for (int g = 1; g <= 10; g++) {
            assertEquals(0.1, grouped[g], 0.011, Arrays.toString(grouped));
        }
    }

    @Test
    void quantilesInterpolateInsideBins() {
        NumericReference reference = uniform(1001);
        assertEquals(500, reference.referenceQuantile(0.5), 10);
        assertEquals(990, reference.referenceQuantile(0.99), 10);
        double[] live = new double[reference.bins()];
        live[live.length - 1] = 1; // everything above the maximum, up to 2000
        assertEquals(1500, reference.quantile(live, 0.5, Double.NaN, 2000), 1e-9);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new double[] {1, 1}, new double[] {0.5, 1}, "strictly increasing"),
                Arguments.of(new double[] {0, 1}, new double[] {0.6, 0.5}, "rise from 0 to 1"),
                Arguments.of(new double[] {0, 1}, new double[] {0.5, 0.9}, "must end at 1"),
                Arguments.of(new double[] {0, 1}, new double[] {1}, "same length"),
                Arguments.of(new double[] {}, new double[] {}, "same length"),
                Arguments.of(new double[] {0, Double.POSITIVE_INFINITY}, new double[] {0.5, 1}, "finite"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsEdgesOrSharesThatAreNotADistribution(double[] edges, double[] cdf, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumericReference(edges, cdf, 0));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
