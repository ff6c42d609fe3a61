package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.HalfFloat;
import dev.foresight.serving.protocol.Tensor;

import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;

/** Reads a tensor's elements as numbers, or as the ranks of a categorical reference's values. */
final class TensorValues {
    private TensorValues() {
    }

    /** Whether values of this datatype are numbers (every datatype but BYTES). */
    static boolean numeric(Datatype datatype) {
        return datatype != Datatype.BYTES;
    }

    /** Whether values of this datatype can be categories (integers, BOOL, BYTES; not floats). */
    static boolean categorical(Datatype datatype) {
        return switch (datatype) {
            case FP16, BF16, FP32, FP64 -> false;
            default -> true;
        };
    }

    /** Element i as a double; unsigned types as unsigned, BOOL as 0 or 1. */
    static IntToDoubleFunction numbers(Tensor tensor) {
        Object data = tensor.data();
        return switch (tensor.datatype()) {
            case BOOL -> i -> ((boolean[]) data)[i] ? 1 : 0;
            case INT8 -> i -> ((byte[]) data)[i];
            case UINT8 -> i -> ((byte[]) data)[i] & 0xff;
            case INT16 -> i -> ((short[]) data)[i];
            case UINT16 -> i -> ((short[]) data)[i] & 0xffff;
            case INT32 -> i -> ((int[]) data)[i];
            case UINT32 -> i -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT64 -> i -> ((long[]) data)[i];
            case UINT64 -> i -> unsigned(((long[]) data)[i]);
            case FP16 -> i -> HalfFloat.fromHalf(((short[]) data)[i]);
            case BF16 -> i -> HalfFloat.fromBfloat(((short[]) data)[i]);
            case FP32 -> i -> ((float[]) data)[i];
            case FP64 -> i -> ((double[]) data)[i];
            case BYTES -> throw new IllegalArgumentException("tensor '" + tensor.name()
                    + "' is BYTES: a numeric reference needs numbers");
        };
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    /** The rank of element i among {@code reference}'s values, -1 when unseen. */
    static IntUnaryOperator ranks(Tensor tensor, CategoricalReference reference) {
        Object data = tensor.data();
        return switch (tensor.datatype()) {
            case BOOL -> i -> reference.rank(Boolean.toString(((boolean[]) data)[i]));
            case INT8 -> i -> reference.rank(((byte[]) data)[i]);
            case UINT8 -> i -> reference.rank(((byte[]) data)[i] & 0xff);
            case INT16 -> i -> reference.rank(((short[]) data)[i]);
            case UINT16 -> i -> reference.rank(((short[]) data)[i] & 0xffff);
            case INT32 -> i -> reference.rank(((int[]) data)[i]);
            case UINT32 -> i -> reference.rank(Integer.toUnsignedLong(((int[]) data)[i]));
            case INT64 -> i -> reference.rank(((long[]) data)[i]);
            case UINT64 -> i -> reference.rank(Long.toUnsignedString(((long[]) data)[i]));
            case BYTES -> i -> reference.rank(((String[]) data)[i]);
            case FP16, BF16, FP32, FP64 -> throw new IllegalArgumentException("tensor '" + tensor.name() + "' is "
                    + tensor.datatype() + ": a categorical reference needs integers, BOOL or BYTES");
        };
    }

    /** Element i as the text a categorical reference keys it by. */
    static String text(Tensor tensor, int i) {
        Object data = tensor.data();
        return switch (tensor.datatype()) {
            case BOOL -> Boolean.toString(((boolean[]) data)[i]);
            case INT8 -> Byte.toString(((byte[]) data)[i]);
            case UINT8 -> Integer.toString(((byte[]) data)[i] & 0xff);
            case INT16 -> Short.toString(((short[]) data)[i]);
            case UINT16 -> Integer.toString(((short[]) data)[i] & 0xffff);
            case INT32 -> Integer.toString(((int[]) data)[i]);
            case UINT32 -> Long.toString(Integer.toUnsignedLong(((int[]) data)[i]));
            case INT64 -> Long.toString(((long[]) data)[i]);
            case UINT64 -> Long.toUnsignedString(((long[]) data)[i]);
            case BYTES -> ((String[]) data)[i];
            case FP16, BF16, FP32, FP64 -> throw new IllegalArgumentException("tensor '" + tensor.name() + "' is "
                    + tensor.datatype() + ": categories need integers, BOOL or BYTES");
        };
    }

    /** Rows of a tensor: its first dimension, or 1 for a scalar. */
    static int rows(Tensor tensor) {
        return tensor.shape().length == 0 ? 1 : (int) tensor.shape()[0];
    }

    /** Values per column index: the last dimension of a rank-2+ tensor, else 1. */
    static int columns(Tensor tensor) {
        long[] shape = tensor.shape();
        return shape.length >= 2 ? (int) Math.max(1, shape[shape.length - 1]) : 1;
    }
}
