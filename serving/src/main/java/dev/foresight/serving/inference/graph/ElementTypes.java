package dev.foresight.serving.inference.graph;

import dev.foresight.serving.protocol.Datatype;

import java.util.Optional;

/** ONNX's element types ({@code TensorProto.DataType} numbers), and the protocol datatype of each. */
public final class ElementTypes {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int UINT32 = 12;
    public static final int UINT64 = 13;
    public static final int BFLOAT16 = 16;

    private static final String[] NAMES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
        "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"};

    private ElementTypes() {
    }

    /** The protocol datatype that carries elements of {@code type}; empty for types it lacks. */
    public static Optional<Datatype> datatype(int type) {
        return Optional.ofNullable(switch (type) {
            case FLOAT -> Datatype.FP32;
            case UINT8 -> Datatype.UINT8;
            case INT8 -> Datatype.INT8;
            case UINT16 -> Datatype.UINT16;
            case INT16 -> Datatype.INT16;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case STRING -> Datatype.BYTES;
            case BOOL -> Datatype.BOOL;
            case FLOAT16 -> Datatype.FP16;
            case DOUBLE -> Datatype.FP64;
            case UINT32 -> Datatype.UINT32;
            case UINT64 -> Datatype.UINT64;
            case BFLOAT16 -> Datatype.BF16;
            default -> null;
        });
    }

    /** ONNX's name of an element type, e.g. {@code INT32}. */
    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "element type " + type;
    }

    /** Whether {@code type} holds integers, signed or not (the types an integer division can trap on). */
    static boolean isInteger(int type) {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16, INT32, INT64, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    static boolean isSigned(int type) {
        return type == INT8 || type == INT16 || type == INT32 || type == INT64;
    }

    /** The smallest value of a signed integer type. */
    static long minimum(int type) {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> throw new IllegalArgumentException(name(type) + " is not a signed integer type");
        };
    }

    /** The signed type of the same width as an unsigned one (UINT32 -> INT32). */
    static int signedOfSameWidth(int type) {
        return switch (type) {
            case UINT8 -> INT8;
            case UINT16 -> INT16;
            case UINT32 -> INT32;
            case UINT64 -> INT64;
            default -> throw new IllegalArgumentException(name(type) + " is not an unsigned integer type");
        };
    }
}
