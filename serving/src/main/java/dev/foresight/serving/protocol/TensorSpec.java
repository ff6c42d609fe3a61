package dev.foresight.serving.protocol;

import java.util.Arrays;

/**
 * What a model declares for one input or output: name, datatype and shape, where -1 marks a
 * dimension of any size.
 */
public record TensorSpec(String name, Datatype datatype, long[] shape) {

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
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
