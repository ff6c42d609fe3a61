package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Builds a reference from a model version's first requests, for a model that ships no
 * {@code profile.json}. Every input and output is profiled: float tensors as numeric, the others
 * (integers, BOOL, BYTES) as categorical; a tensor of rank 2 or more whose last dimension is at
 * most {@value #MAX_COLUMNS} by columns, any other pooled; no transform. Numeric features keep a
 * uniform sample of {@link MonitoringSettings#RESERVOIR_VALUES} values (reservoir sampling);
 * categorical ones count up to {@value #MAX_VALUES} distinct values (later ones count as unseen).
 * Not thread-safe.
 */
public final class ProfileBuilder {
    /** Most columns a built profile keeps per tensor (more: pooled). */
    public static final int MAX_COLUMNS = 16;
    /** Most distinct values a built categorical reference keeps. */
    public static final int MAX_VALUES = 100_000;

    private final int requestsNeeded;
    private final int reservoirValues;
    private final Random random;
    private final Map<String, TensorSample> tensors = new LinkedHashMap<>();
    private long requests;

    public ProfileBuilder(int requestsNeeded, int reservoirValues, long seed) {
        this.requestsNeeded = requestsNeeded;
        this.reservoirValues = reservoirValues;
        this.random = new Random(seed);
    }

    /** Counts one answered request. */
    public void fold(InferRequest request, List<Tensor> outputs) {
        for (Tensor input : request.inputs()) {
            fold(input, TensorProfile.Role.INPUT);
        }
        for (Tensor output : outputs) {
            fold(output, TensorProfile.Role.OUTPUT);
        }
        requests++;
    }

    private void fold(Tensor tensor, TensorProfile.Role role) {
        TensorSample sample = tensors.computeIfAbsent(tensor.name(), name -> new TensorSample(tensor, role));
        sample.fold(tensor);
    }

    public long requests() {
        return requests;
    }

    public boolean complete() {
        return requests >= requestsNeeded;
    }

    /** The reference of what was counted; tensors without a single value are left out. */
    public ReferenceProfile build(String description) {
        List<TensorProfile> profiles = new ArrayList<>();
        for (TensorSample sample : tensors.values()) {
            List<TensorProfile.Feature> features = new ArrayList<>();
            for (int i = 0; i < sample.features.size(); i++) {
                FeatureReference reference = sample.features.get(i).reference();
                if (reference == null) {
                    features.clear();
                    break;
                }
                features.add(new TensorProfile.Feature(
                        sample.layout == TensorProfile.Layout.POOLED ? TensorProfile.ALL : Integer.toString(i), reference));
            }
            if (!features.isEmpty() && sample.rows > 0) {
                profiles.add(new TensorProfile(sample.name, sample.role, sample.layout, TensorProfile.Transform.NONE,
                        sample.rows, features));
            }
        }
        return new ReferenceProfile(description, profiles);
    }

    private final class TensorSample {
        final String name;
        final TensorProfile.Role role;
        final boolean numeric;
        final TensorProfile.Layout layout;
        final List<FeatureSample> features = new ArrayList<>();
        long rows;

        TensorSample(Tensor first, TensorProfile.Role role) {
            this.name = first.name();
            this.role = role;
            this.numeric = !TensorValues.categorical(first.datatype());
            int columns = TensorValues.columns(first);
            this.layout = first.shape().length >= 2 && columns <= MAX_COLUMNS
                    ? TensorProfile.Layout.COLUMNS : TensorProfile.Layout.POOLED;
            int count = layout == TensorProfile.Layout.COLUMNS ? columns : 1;
            for (int i = 0; i < count; i++) {
                features.add(new FeatureSample(numeric));
            }
        }

        void fold(Tensor tensor) {
            int rows = TensorValues.rows(tensor);
            if (rows <= 0 || tensor.size() == 0 || TensorValues.categorical(tensor.datatype()) == numeric) {
                return;
            }
            this.rows += rows;
            int columns = layout == TensorProfile.Layout.COLUMNS ? TensorValues.columns(tensor) : 1;
            IntToDoubleFunction values = numeric ? TensorValues.numbers(tensor) : null;
            for (int i = 0; i < tensor.size(); i++) {
                int column = i % columns;
                if (column < features.size()) {
                    FeatureSample feature = features.get(column);
                    if (numeric) {
                        feature.add(values.applyAsDouble(i));
                    } else {
                        feature.add(TensorValues.text(tensor, i));
                    }
                }
            }
        }
    }

    private final class FeatureSample {
        /** Numeric: the reservoir, grown up to reservoirValues; null for a categorical feature. */
        double[] values;
        final Map<String, Long> counts;
        int size;
        long seen;
        long missing;

        FeatureSample(boolean numeric) {
            values = numeric ? new double[Math.min(reservoirValues, 1024)] : null;
            counts = numeric ? null : new HashMap<>();
        }

        void add(double value) {
            if (Double.isNaN(value)) {
                missing++;
                return;
            }
            seen++;
            if (size < reservoirValues) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, Math.min(reservoirValues, size * 2));
                }
                values[size++] = value;
            } else {
                long slot = random.nextLong(seen);
                if (slot < reservoirValues) {
                    values[(int) slot] = value;
                }
            }
        }

        void add(String value) {
            Long count = counts.get(value);
            if (count != null) {
                counts.put(value, count + 1);
            } else if (counts.size() < MAX_VALUES) {
                counts.put(value, 1L);
            }
        }

        FeatureReference reference() {
            if (counts != null) {
                return counts.isEmpty() ? null : CategoricalReference.of(counts);
            }
            if (size == 0) {
                return null;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return NumericReference.fromSorted(sorted, size, (double) missing / (missing + seen));
        }
    }
}
