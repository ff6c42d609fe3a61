package dev.foresight.serving.monitoring;

/**
 * The drift scores of a live window against a reference, over the same bins.
 *
 * <ul>
 *   <li>Population stability index, {@code PSI = sum (p_i - q_i) ln(p_i / q_i)} over bins of the
 *       live shares {@code p} and reference shares {@code q}, each share floored at {@link #FLOOR}
 *       so that a bin empty on one side counts without being infinite.</li>
 *   <li>Kolmogorov-Smirnov distance: the largest gap between the two cumulative distributions at
 *       the bin boundaries (a lower bound of the distance over all values, so the test against the
 *       continuous critical value is conservative).</li>
 *   <li>The two-sample Kolmogorov critical value at level {@code alpha}:
 *       {@code c(alpha) sqrt((n + m) / (n m))} with {@code c(alpha) = sqrt(-ln(alpha / 2) / 2)},
 *       {@code n} live and {@code m} reference observations (the asymptotic null distribution, no
 *       permutations).</li>
 * </ul>
 */
final class DriftStatistics {
    /** Shares below this count as this in the PSI. */
    static final double FLOOR = 1e-4;

    private DriftStatistics() {
    }

    /** Shares of each bin; all zero when the total is zero. */
    static double[] shares(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        if (total > 0) {
            for (int i = 0; i < counts.length; i++) {
                shares[i] = (double) counts[i] / total;
            }
        }
        return shares;
    }

    /** Sums the shares of bins by group: {@code group[bin]} in {@code [0, groups)}. */
    static double[] grouped(double[] shares, int[] group, int groups) {
        double[] sums = new double[groups];
        for (int i = 0; i < shares.length; i++) {
            sums[group[i]] += shares[i];
        }
        return sums;
    }

    /** Population stability index of {@code live} against {@code reference} (shares over the same bins). */
    static double psi(double[] live, double[] reference) {
        double psi = 0;
        for (int i = 0; i < live.length; i++) {
            double p = Math.max(live[i], FLOOR);
            double q = Math.max(reference[i], FLOOR);
            psi += (p - q) * Math.log(p / q);
        }
        return psi;
    }

    /** Largest gap between the cumulative sums of two share vectors over the same ordered bins. */
    static double ks(double[] live, double[] reference) {
        double gap = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < live.length; i++) {
            a += live[i];
            b += reference[i];
            gap = Math.max(gap, Math.abs(a - b));
        }
        return gap;
    }

    /**
     * The distance the Kolmogorov-Smirnov statistic exceeds with probability {@code alpha} when
     * both samples come from one continuous distribution (asymptotic two-sample form).
     *
     * @param live      live observations, at least 1
     * @param reference reference observations; 0 or less treats the reference as exact (one-sample)
     */
    static double ksCritical(double alpha, long live, long reference) {
        double c = Math.sqrt(-Math.log(alpha / 2) / 2);
        double scale = reference > 0 ? (double) (live + reference) / ((double) live * reference) : 1.0 / live;
        return c * Math.sqrt(scale);
    }
}
