package dev.foresight.serving.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference distribution of a categorical feature (IDs, codes, strings): how often each value
 * occurred. Values are ranked by count (ties by value) and cut into up to ten buckets of about
 * equal reference share, the heaviest values first; an eleventh bin counts values the reference
 * never saw. A live window is compared over these bins, so a vocabulary of any size costs the
 * same per window, and both a new population (unseen values) and a shift between heavy and light
 * values show.
 */
public final class CategoricalReference implements FeatureReference {
    /** Most distinct values a reference may hold. */
    public static final int MAX_VALUES = 1_000_000;
    /** Vocabularies up to this size track coverage (distinct values seen) with a bit set per pane. */
    public static final int MAX_COVERAGE_VALUES = 65_536;
    static final int BUCKETS = 10;

    private final Map<String, Long> counts;
    private final long total;
    private final int[] bucketOfRank;
    private final Bins layout;
    private final Map<String, Integer> rankOf;
    private final LongIndex longRanks;

    private CategoricalReference(Map<String, Long> ranked, long total) {
        this.counts = java.util.Collections.unmodifiableMap(ranked);
        this.total = total;
        int buckets = Math.min(BUCKETS, ranked.size());
        bucketOfRank = new int[ranked.size()];
        double[] shares = new double[buckets + 1];
        rankOf = new HashMap<>(ranked.size() * 2);
        longRanks = new LongIndex(ranked.size());
        long before = 0;
        int rank = 0;
        for (Map.Entry<String, Long> entry : ranked.entrySet()) {
            int bucket = (int) Math.min(buckets - 1, before * buckets / total);
            bucketOfRank[rank] = bucket;
            shares[bucket] += (double) entry.getValue() / total;
            rankOf.put(entry.getKey(), rank);
            Long asLong = parseLong(entry.getKey());
            if (asLong != null) {
                longRanks.put(asLong, rank);
            }
            before += entry.getValue();
            rank++;
        }
        int[] groups = new int[buckets + 1];
        Arrays.setAll(groups, i -> i);
        layout = new Bins(shares, groups, groups.length);
    }

    /**
     * A reference from value counts.
     *
     * @throws IllegalArgumentException for no values, more than {@link #MAX_VALUES}, or a count below 1
     */
    public static CategoricalReference of(Map<String, Long> counts) {
        if (counts.isEmpty() || counts.size() > MAX_VALUES) {
            throw new IllegalArgumentException("counts must hold 1 to " + MAX_VALUES + " values, got " + counts.size());
        }
        long total = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() == null || entry.getValue() < 1) {
                throw new IllegalArgumentException("count of '" + entry.getKey() + "' must be a positive integer");
            }
            total = Math.addExact(total, entry.getValue());
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> ranked = new LinkedHashMap<>();
        entries.forEach(e -> ranked.put(e.getKey(), e.getValue()));
        return new CategoricalReference(ranked, total);
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bin of a value's rank, or the unseen bin for -1. */
    int binOfRank(int rank) {
        return rank < 0 ? layout.shares().length - 1 : bucketOfRank[rank];
    }

    /** Rank of a value, -1 when the reference never saw it. */
    int rank(String value) {
        Integer rank = rankOf.get(value);
        return rank == null ? -1 : rank;
    }

    /** Rank of an integer value, -1 when the reference never saw it. */
    int rank(long value) {
        return longRanks.get(value);
    }

    /** Number of distinct values. */
    public int size() {
        return bucketOfRank.length;
    }

    /** Every value with its count, the most frequent first. */
    public Map<String, Long> counts() {
        return counts;
    }

    /** Total count. */
    public long total() {
        return total;
    }

    /** Whether live sketches track which values occur (coverage). */
    boolean tracksCoverage() {
        return size() <= MAX_COVERAGE_VALUES;
    }

    @Override
    public FeatureSketch newSketch() {
        return new FeatureSketch(bins(), tracksCoverage() ? size() : 0);
    }

    @Override
    public Bins layout() {
        return layout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalReference c && counts.equals(c.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
