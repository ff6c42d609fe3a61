package dev.foresight.serving.protocol;

import java.util.Arrays;

/**
 * What a model declares for one input or output: name, datatype and shape, where -1 marks a
 * dimension of any size; {@code optional} for an input the graph gives a default to.
 */
public record TensorSpec(String name, Datatype datatype, long[] shape, boolean optional) {

    /** A required input, or an output. */
    public TensorSpec(String name, Datatype datatype, long[] shape) {
        this(name, datatype, shape, false);
    }

    /** Whether requests for this input can be stacked along a dynamic first dimension. */
    public boolean batchable() {
        return shape.length > 0 && shape[0] == -1;
    }

    /** Whether {@code actual} fits this shape: same rank, equal fixed dimensions. */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && datatype == t.datatype
                && Arrays.equals(shape, t.shape) && optional == t.optional;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape) + (optional ? " (optional)" : "");
    }
}
