package dev.foresight.serving.monitoring;

import java.util.Arrays;

/**
 * The reference distribution of a numeric feature: increasing value {@code edges} (the first is
 * the reference minimum, the last its maximum) and, for each, the share {@code cdf} of reference
 * values at or below it (exact, so point masses are kept); {@code missingShare} of the values were
 * NaN. Live values fall into {@code edges.length + 2} bins: below the minimum, at the minimum,
 * each interval {@code (edges[j-1], edges[j]]}, and above the maximum.
 *
 * <p>PSI groups: the two out-of-range bins on their own, the others merged into about ten groups
 * of equal reference share (a point mass keeps its own group).
 */
public final class NumericReference implements FeatureReference {
    /** Most edges a feature may have (memory per live sketch: 8 bytes a bin). */
    public static final int MAX_EDGES = 1024;
    /** Target number of PSI groups inside the range. */
    static final int PSI_GROUPS = 10;

    private final double[] edges;
    private final double[] cdf;
    private final double missingShare;
    private final Bins layout;

    /** @throws IllegalArgumentException saying what is wrong with the edges or shares */
    public NumericReference(double[] edges, double[] cdf, double missingShare) {
        if (edges.length == 0 || edges.length > MAX_EDGES || cdf.length != edges.length) {
            throw new IllegalArgumentException("edges and cdf must have the same length, 1 to " + MAX_EDGES
                    + " (got " + edges.length + " edges, " + cdf.length + " cdf values)");
        }
        for (int j = 0; j < edges.length; j++) {
            if (!Double.isFinite(edges[j]) || (j > 0 && edges[j] <= edges[j - 1])) {
                throw new IllegalArgumentException("edges must be finite and strictly increasing (at index " + j + ")");
            }
            if (!(cdf[j] >= 0 && cdf[j] <= 1) || (j > 0 && cdf[j] < cdf[j - 1])) {
                throw new IllegalArgumentException("cdf must rise from 0 to 1 (at index " + j + ")");
            }
        }
        if (Math.abs(cdf[cdf.length - 1] - 1) > 1e-9) {
            throw new IllegalArgumentException("cdf must end at 1 (the last edge is the maximum), got " + cdf[cdf.length - 1]);
        }
        if (!(missingShare >= 0 && missingShare < 1)) {
            throw new IllegalArgumentException("missing must be in [0, 1), got " + missingShare);
        }
        this.edges = edges.clone();
        this.cdf = cdf.clone();
        this.missingShare = missingShare;
        int k = edges.length;
        double[] shares = new double[k + 2];
        shares[1] = cdf[0];
        for (int j = 1; j < k; j++) {
            shares[j + 1] = cdf[j] - cdf[j - 1];
        }
        int[] groups = new int[k + 2];
        int group = 1;
        double cumulative = 0;
        double target = 1.0 / PSI_GROUPS;
        for (int bin = 1; bin <= k; bin++) {
            groups[bin] = group;
            cumulative += shares[bin];
            if (bin < k && cumulative >= target - 1e-9) {
                group++;
                while (target <= cumulative + 1e-9) {
                    target += 1.0 / PSI_GROUPS;
                }
            }
        }
        groups[k + 1] = group + 1;
        layout = new Bins(shares, groups, group + 2);
    }

    /**
     * The reference of {@code count} values sorted ascending (NaN left out): edges at the values of
     * rank {@code floor(j (count - 1) / 100)} for j = 0..100, duplicates removed, each with the
     * exact share of values at or below it. The notebooks write profiles by the same rule.
     */
    public static NumericReference fromSorted(double[] sorted, int count, double missingShare) {
        if (count == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] edges = new double[101];
        int k = 0;
        for (int j = 0; j <= 100; j++) {
            double edge = sorted[(int) ((long) j * (count - 1) / 100)];
            if (k == 0 || edge != edges[k - 1]) {
                edges[k++] = edge;
            }
        }
        edges = Arrays.copyOf(edges, k);
        double[] cdf = new double[k];
        for (int j = 0; j < k; j++) {
            cdf[j] = (double) upperBound(sorted, count, edges[j]) / count;
        }
        return new NumericReference(edges, cdf, missingShare);
    }

    /** Number of the first {@code count} sorted values at or below {@code value}. */
    private static int upperBound(double[] sorted, int count, double value) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The bin of a (non-NaN) value. */
    int bin(double value) {
        if (value < edges[0]) {
            return 0;
        }
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edges[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low + 1;
    }

    /**
     * The {@code q} quantile of a distribution over this feature's bins, interpolated linearly
     * inside a bin; values out of range are placed between {@code low} (below) or {@code high}
     * (above) and the nearest edge.
     */
    double quantile(double[] binShares, double q, double low, double high) {
        double cumulative = 0;
        int last = edges.length + 1;
        for (int bin = 0; bin <= last; bin++) {
            double share = binShares[bin];
            if (share <= 0) {
                continue;
            }
            if (cumulative + share >= q || bin == last) {
                double from = bin == 0 ? low : bin == 1 ? edges[0] : edges[bin - 2];
                double to = bin == last ? high : edges[Math.max(0, bin - 1)];
                return from + Math.min(1, (q - cumulative) / share) * (to - from);
            }
            cumulative += share;
        }
        return Double.NaN;
    }

    /** The reference's own {@code q} quantile. */
    double referenceQuantile(double q) {
        return quantile(layout.shares(), q, edges[0], edges[edges.length - 1]);
    }

    public double[] edges() {
        return edges.clone();
    }

    public double[] cdf() {
        return cdf.clone();
    }

    public double missingShare() {
        return missingShare;
    }

    @Override
    public Bins layout() {
        return layout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericReference n && Arrays.equals(edges, n.edges) && Arrays.equals(cdf, n.cdf)
                && missingShare == n.missingShare;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + Arrays.hashCode(cdf);
    }
}
