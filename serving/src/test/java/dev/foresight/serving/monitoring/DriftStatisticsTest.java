package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftStatisticsTest {

    @Test
    void psiOfIdenticalSharesIsZero() {
        double[] shares = {0.1, 0.2, 0.3, 0.4};
        assertEquals(0, DriftStatistics.psi(shares, shares), 1e-15);
    }

    @Test
    void psiIsTheSymmetricDivergenceOfTheShares() {
        // (0.5 - 0.25) ln(0.5 / 0.25) + (0.5 - 0.75) ln(0.5 / 0.75)
        assertEquals(0.25 * Math.log(2) - 0.25 * Math.log(2.0 / 3), DriftStatistics.psi(
                new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-12);
    }

    @Test
    void psiFloorsAnEmptyBinInsteadOfBeingInfinite() {
        double psi = DriftStatistics.psi(new double[] {0.9, 0.1}, new double[] {1, 0});
        assertEquals(-0.1 * Math.log(0.9) + (0.1 - DriftStatistics.FLOOR) * Math.log(0.1 / DriftStatistics.FLOOR), psi, 1e-12);
    }

    @Test
    void ksIsTheLargestGapOfTheCumulativeShares() {
        assertEquals(0.3, DriftStatistics.ks(new double[] {0.5, 0.3, 0.2}, new double[] {0.2, 0.3, 0.5}), 1e-12);
    }

    /** Kolmogorov's table: c(0.05) = 1.358, c(0.01) = 1.628; with no reference size, c / sqrt(n). */
    @ParameterizedTest
    @CsvSource({"0.05, 100, 0, 0.1358", "0.01, 100, 0, 0.1628", "0.05, 400, 0, 0.0679",
        "0.05, 100, 100, 0.1921"})
    void ksCriticalValueFollowsKolmogorovsDistribution(double alpha, long n, long m, double expected) {
        assertEquals(expected, DriftStatistics.ksCritical(alpha, n, m), 5e-4);
    }

    @Test
    void sharesOfNoCountsAreZero() {
        assertEquals(0, DriftStatistics.shares(new long[] {0, 0})[0]);
        assertEquals(0.75, DriftStatistics.shares(new long[] {3, 1})[0]);
    }
}
