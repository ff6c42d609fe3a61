package dev.foresight.serving.monitoring;

/**
 * The reference distribution of one feature, as shares of the bins that its live sketches count
 * into: the bins are ordered (cumulative distributions and the Kolmogorov-Smirnov distance are
 * taken over them) and grouped for the population stability index. Immutable.
 */
public sealed interface FeatureReference permits NumericReference, CategoricalReference {

    /** Number of bins of a live sketch. */
    int bins();

    /** The reference share of each bin (sums to 1; out-of-range and unseen bins are 0). */
    double[] shares();

    /** The PSI group of each bin, in {@code [0, groups())}. */
    int[] groups();

    /** Number of PSI groups. */
    int groupCount();

    /** A new, empty live sketch of this feature. */
    default FeatureSketch newSketch() {
        return new FeatureSketch(bins(), 0);
    }
}
