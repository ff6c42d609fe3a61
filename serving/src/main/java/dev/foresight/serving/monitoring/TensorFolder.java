package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Tensor;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;

/**
 * Counts one tensor of a request into the sketches of its features: each row is one observation
 * of each feature (see {@link TensorProfile}); NaN values count as missing.
 */
final class TensorFolder {
    private TensorFolder() {
    }

    /**
     * @param sketches the pane's sketches; this tensor's features are at {@code offset}, in order
     * @throws IllegalArgumentException when the tensor's datatype does not fit its references
     */
    static void fold(TensorProfile profile, Tensor tensor, FeatureSketch[] sketches, int offset) {
        int rows = TensorValues.rows(tensor);
        int size = tensor.size();
        if (rows <= 0 || size == 0) {
            return;
        }
        int perRow = size / rows;
        List<TensorProfile.Feature> features = profile.features();
        if (profile.layout() == TensorProfile.Layout.POOLED) {
            FeatureReference reference = features.get(0).reference();
            FeatureSketch sketch = sketches[offset];
            if (reference instanceof NumericReference numeric) {
                IntToDoubleFunction values = TensorValues.numbers(tensor);
                sketch.rows += rows;
                boolean standardize = profile.transform() == TensorProfile.Transform.STANDARDIZE;
                for (int row = 0; row < rows; row++) {
                    foldNumbers(numeric, sketch, values, row * perRow, (row + 1) * perRow, standardize);
                }
            } else {
                CategoricalReference categorical = (CategoricalReference) reference;
                IntUnaryOperator ranks = TensorValues.ranks(tensor, categorical);
                sketch.rows += rows;
                for (int i = 0; i < size; i++) {
                    int rank = ranks.applyAsInt(i);
                    sketch.addRank(categorical.binOfRank(rank), rank);
                }
            }
            return;
        }
        int columns = TensorValues.columns(tensor);
        int used = Math.min(columns, features.size());
        for (int column = 0; column < used; column++) {
            FeatureReference reference = features.get(column).reference();
            FeatureSketch sketch = sketches[offset + column];
            if (reference instanceof NumericReference numeric) {
                IntToDoubleFunction values = TensorValues.numbers(tensor);
                sketch.rows += rows;
                for (int i = column; i < size; i += columns) {
                    foldNumber(numeric, sketch, values.applyAsDouble(i));
                }
            } else {
                CategoricalReference categorical = (CategoricalReference) reference;
                IntUnaryOperator ranks = TensorValues.ranks(tensor, categorical);
                sketch.rows += rows;
                for (int i = column; i < size; i += columns) {
                    int rank = ranks.applyAsInt(i);
                    sketch.addRank(categorical.binOfRank(rank), rank);
                }
            }
        }
    }

    private static void foldNumbers(NumericReference reference, FeatureSketch sketch, IntToDoubleFunction values,
                                    int from, int to, boolean standardize) {
        double shift = 0;
        double scale = 1;
        if (standardize) {
            double[] moments = moments(values, from, to);
            shift = moments[0];
            scale = moments[1];
        }
        for (int i = from; i < to; i++) {
            double value = values.applyAsDouble(i);
            foldNumber(reference, sketch, standardize && !Double.isNaN(value)
                    ? (scale > 0 ? (value - shift) / scale : 0) : value);
        }
    }

    private static void foldNumber(NumericReference reference, FeatureSketch sketch, double value) {
        if (Double.isNaN(value)) {
            sketch.missing++;
        } else {
            sketch.addValue(reference.bin(value), value);
        }
    }

    /** Mean and population standard deviation of the non-NaN values in [from, to). */
    static double[] moments(IntToDoubleFunction values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            double value = values.applyAsDouble(i);
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        if (count == 0) {
            return new double[] {0, 0};
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double value = values.applyAsDouble(i);
            if (!Double.isNaN(value)) {
                squares += (value - mean) * (value - mean);
            }
        }
        return new double[] {mean, Math.sqrt(squares / count)};
    }
}
