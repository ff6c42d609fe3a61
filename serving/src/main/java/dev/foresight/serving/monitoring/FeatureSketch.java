package dev.foresight.serving.monitoring;

import java.util.Arrays;

/**
 * Live counts of one feature in one pane of a window: values per bin of its
 * {@link FeatureReference}, rows (observations), NaN values, the smallest and largest value, and
 * for small vocabularies which values occurred. Fixed size; not thread-safe (its monitor's lock
 * guards it).
 */
final class FeatureSketch {
    final long[] bins;
    /** One bit per reference value (by rank), or empty when coverage is not tracked. */
    final long[] seen;
    long rows;
    long missing;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    FeatureSketch(int bins, int values) {
        this.bins = new long[bins];
        this.seen = new long[(values + 63) >>> 6];
    }

    void addValue(int bin, double value) {
        bins[bin]++;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    void addRank(int bin, int rank) {
        bins[bin]++;
        if (rank >= 0 && seen.length > 0) {
            seen[rank >>> 6] |= 1L << rank;
        }
    }

    void clear() {
        Arrays.fill(bins, 0);
        Arrays.fill(seen, 0);
        rows = 0;
        missing = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /** Adds this pane's counts to {@code total}. */
    void addTo(FeatureSketch total) {
        for (int i = 0; i < bins.length; i++) {
            total.bins[i] += bins[i];
        }
        for (int i = 0; i < seen.length; i++) {
            total.seen[i] |= seen[i];
        }
        total.rows += rows;
        total.missing += missing;
        total.min = Math.min(total.min, min);
        total.max = Math.max(total.max, max);
    }

    /** Values counted in bins (NaN left out). */
    long values() {
        long sum = 0;
        for (long count : bins) {
            sum += count;
        }
        return sum;
    }

    /** Distinct reference values seen. */
    int distinct() {
        int count = 0;
        for (long word : seen) {
            count += Long.bitCount(word);
        }
        return count;
    }

    /** Bytes of its arrays and fields, roughly. */
    long bytes() {
        return 64 + 8L * bins.length + 8L * seen.length;
    }
}
