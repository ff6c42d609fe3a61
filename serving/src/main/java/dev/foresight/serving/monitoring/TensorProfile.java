package dev.foresight.serving.monitoring;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reference of one input or output tensor.
 *
 * <p>A tensor's rows are its slices along the first dimension (a rank-0 or rank-1 tensor: each
 * element is a row). Each row is one observation of each feature: with {@link Layout#POOLED}, one
 * feature ({@value #ALL}) holds every value of the row; with {@link Layout#COLUMNS}, feature
 * {@code "i"} holds the values at index i along the last dimension.
 *
 * @param observations reference rows, the {@code m} of the two-sample critical value
 */
public record TensorProfile(String name, Role role, Layout layout, Transform transform, long observations,
                            List<Feature> features) {
    /** The name of a pooled tensor's one feature. */
    public static final String ALL = "all";
    /** Most columns a tensor may be profiled by. */
    public static final int MAX_COLUMNS = 256;

    public TensorProfile {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("tensor '" + name + "' has no features");
        }
        if (observations < 1) {
            throw new IllegalArgumentException("tensor '" + name + "': observations must be at least 1");
        }
        if (layout == Layout.POOLED && (features.size() != 1 || !ALL.equals(features.get(0).name()))) {
            throw new IllegalArgumentException("tensor '" + name + "': a pooled tensor has one feature named '" + ALL + "'");
        }
        if (layout == Layout.COLUMNS) {
            if (features.size() > MAX_COLUMNS) {
                throw new IllegalArgumentException("tensor '" + name + "': at most " + MAX_COLUMNS + " columns");
            }
            for (int i = 0; i < features.size(); i++) {
                if (!Integer.toString(i).equals(features.get(i).name())) {
                    throw new IllegalArgumentException("tensor '" + name + "': column features are named 0, 1, ... in order; "
                            + "feature " + i + " is '" + features.get(i).name() + "'");
                }
            }
        }
        if (transform == Transform.STANDARDIZE && (layout != Layout.POOLED
                || !(features.get(0).reference() instanceof NumericReference))) {
            throw new IllegalArgumentException("tensor '" + name + "': standardize applies to a pooled numeric tensor");
        }
    }

    /** One feature and its reference. */
    public record Feature(String name, FeatureReference reference) {
        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** Whether the tensor is a model input or output. */
    public enum Role {
        INPUT, OUTPUT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a row's values map to features. */
    public enum Layout {
        POOLED, COLUMNS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What is done to a row before its values are counted. */
    public enum Transform {
        /** The values as they are. */
        NONE,
        /** Each row minus its mean, divided by its (population) standard deviation, NaN left out;
         *  a constant row becomes zeros. For models that see only a window's shape, not its scale. */
        STANDARDIZE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
