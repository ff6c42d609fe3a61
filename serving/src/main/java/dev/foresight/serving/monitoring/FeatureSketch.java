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
    /** The range of bins and of words of {@code seen} written since the last clear, so that adding
     *  and clearing a request's sketch costs what the request touched, not the whole sketch. */
    private int lowBin = Integer.MAX_VALUE;
    private int highBin = -1;
    private int lowWord = Integer.MAX_VALUE;
    private int highWord = -1;

    FeatureSketch(int bins, int values) {
        this.bins = new long[bins];
        this.seen = new long[(values + 63) >>> 6];
    }

    void addValue(int bin, double value) {
        bins[bin]++;
        touch(bin);
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    void addRank(int bin, int rank) {
        bins[bin]++;
        touch(bin);
        if (rank >= 0 && seen.length > 0) {
            int word = rank >>> 6;
            seen[word] |= 1L << rank;
            lowWord = Math.min(lowWord, word);
            highWord = Math.max(highWord, word);
        }
    }

    private void touch(int bin) {
        lowBin = Math.min(lowBin, bin);
        highBin = Math.max(highBin, bin);
    }

    void clear() {
        if (highBin >= 0) {
            Arrays.fill(bins, lowBin, highBin + 1, 0);
        }
        if (highWord >= 0) {
            Arrays.fill(seen, lowWord, highWord + 1, 0);
        }
        lowBin = Integer.MAX_VALUE;
        highBin = -1;
        lowWord = Integer.MAX_VALUE;
        highWord = -1;
        rows = 0;
        missing = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /** Adds this pane's counts to {@code total}. */
    void addTo(FeatureSketch total) {
        for (int i = lowBin; i <= highBin; i++) {
            total.bins[i] += bins[i];
        }
        for (int i = lowWord; i <= highWord; i++) {
            total.seen[i] |= seen[i];
        }
        if (highBin >= 0) {
            total.touch(lowBin);
            total.touch(highBin);
        }
        if (highWord >= 0) {
            total.lowWord = Math.min(total.lowWord, lowWord);
            total.highWord = Math.max(total.highWord, highWord);
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
