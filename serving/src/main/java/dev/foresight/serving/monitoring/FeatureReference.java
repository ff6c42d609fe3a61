package dev.foresight.serving.monitoring;

/**
 * The reference distribution of one feature, as shares of the bins that its live sketches count
 * into: the bins are ordered (cumulative distributions and the Kolmogorov-Smirnov distance are
 * taken over them) and grouped for the population stability index. Immutable.
 */
public sealed interface FeatureReference permits NumericReference, CategoricalReference {

    /**
     * The bins of a feature.
     *
     * @param shares the reference share of each bin (sums to 1; out-of-range and unseen bins are 0)
     * @param groups the PSI group of each bin, in {@code [0, groupCount)}
     */
    record Bins(double[] shares, int[] groups, int groupCount) {
    }

    /** This feature's bins. */
    Bins layout();

    /** Number of bins of a live sketch. */
    default int bins() {
        return layout().shares().length;
    }

    default double[] shares() {
        return layout().shares();
    }

    default int[] groups() {
        return layout().groups();
    }

    default int groupCount() {
        return layout().groupCount();
    }

    /** A new, empty live sketch of this feature. */
    default FeatureSketch newSketch() {
        return new FeatureSketch(bins(), 0);
    }
}
