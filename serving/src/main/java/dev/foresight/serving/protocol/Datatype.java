package dev.foresight.serving.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Tensor element types of the Open Inference Protocol, each with the Java array that carries its
 * elements in a {@link Tensor}.
 *
 * <p>Unsigned types are carried in the signed array of the same width, bit for bit (UINT8 255 is
 * the byte -1); FP16 and BF16 are carried as their raw 16-bit patterns in a {@code short[]}; BYTES
 * elements are UTF-8 strings.
 */
public enum Datatype {
    BOOL(1),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    FP16(2),
    BF16(2),
    FP32(4),
    FP64(8),
    BYTES(-1);

    private final int elementBytes;

    Datatype(int elementBytes) {
        this.elementBytes = elementBytes;
    }

    /** Size of one element in bytes; -1 for BYTES, whose elements vary in size. */
    public int elementBytes() {
        return elementBytes;
    }

    /** The protocol name of a datatype, case-insensitive; empty when there is none. */
    public static Optional<Datatype> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A new zeroed carrier array of {@code count} elements. */
    public Object newArray(int count) {
        return switch (this) {
            case BOOL -> new boolean[count];
            case UINT8, INT8 -> new byte[count];
            case UINT16, INT16, FP16, BF16 -> new short[count];
            case UINT32, INT32 -> new int[count];
            case UINT64, INT64 -> new long[count];
            case FP32 -> new float[count];
            case FP64 -> new double[count];
            case BYTES -> filled(count);
        };
    }

    private static String[] filled(int count) {
        String[] strings = new String[count];
        java.util.Arrays.fill(strings, "");
        return strings;
    }

    /** Whether the values are integers (signed or not). */
    public boolean isInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    /** Whether the values are unsigned integers. */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }
}
