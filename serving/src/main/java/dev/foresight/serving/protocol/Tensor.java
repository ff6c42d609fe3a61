package dev.foresight.serving.protocol;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor: datatype, shape and its elements in row-major order.
 *
 * <p>{@code data} is the carrier array that {@link Datatype#newArray(int)} makes for the datatype
 * ({@code float[]} for FP32, {@code String[]} for BYTES, ...); its length equals the product of
 * the shape. The arrays are shared, not copied: callers must not change them after construction.
 */
public record Tensor(String name, Datatype datatype, long[] shape, Object data) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long count = elementCount(shape);
        if (Array.getLength(data) != count) {
            throw new IllegalArgumentException("tensor '" + name + "': " + Array.getLength(data)
                    + " elements for shape " + Arrays.toString(shape));
        }
    }

    /** Number of elements of a shape, or -1 when a dimension is negative or the product overflows. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                return -1;
            }
            count = dim == 0 ? 0 : multiplyOrMinusOne(count, dim);
            if (count < 0) {
                return -1;
            }
        }
        return count;
    }

    private static long multiplyOrMinusOne(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? -1 : product;
    }

    /** Number of elements. */
    public int size() {
        return Array.getLength(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && datatype == t.datatype
                && Arrays.equals(shape, t.shape) && Objects.deepEquals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + datatype + ", " + Arrays.toString(shape) + "]";
    }
}
