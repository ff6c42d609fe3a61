package dev.foresight.serving.inference;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Optional;

/** Conversions between protocol tensors and ONNX Runtime tensors. */
final class OrtTypes {
    private OrtTypes() {
    }

    /** The protocol datatype of an ONNX element type; empty for types the protocol lacks. */
    static Optional<Datatype> toDatatype(OnnxTensorType type) {
        return Optional.ofNullable(switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> Datatype.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> Datatype.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> Datatype.UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> Datatype.UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> Datatype.UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> Datatype.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> Datatype.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> Datatype.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> Datatype.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> Datatype.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> Datatype.BF16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> Datatype.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> Datatype.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Datatype.BYTES;
            default -> null;
        });
    }

    /** A new ORT tensor holding a copy of {@code tensor}; the caller closes it. */
    static OnnxTensor toOnnx(OrtEnvironment env, Tensor tensor) throws OrtException {
        return toOnnx(env, tensor, null);
    }

    /**
     * A new ORT tensor holding a copy of {@code tensor}, numbers copied into {@code scratch} when
     * given (valid until the thread's next call); the caller closes it.
     */
    static OnnxTensor toOnnx(OrtEnvironment env, Tensor tensor, InputScratch scratch) throws OrtException {
        long[] shape = tensor.shape();
        Object data = tensor.data();
        ByteBuffer region = scratch == null || tensor.datatype() == Datatype.BYTES
                || tensor.datatype() == Datatype.BOOL ? null : scratch.take(tensor.size() * tensor.datatype().elementBytes());
        // UINT16/32/64 inputs go in as the signed type of their width, bits unchanged, and the graph
        // casts them back (see graph.UnsignedInputs): the Java API cannot create unsigned tensors.
        return switch (tensor.datatype()) {
            case FP32 -> OnnxTensor.createTensor(env, region == null ? FloatBuffer.wrap((float[]) data)
                    : region.asFloatBuffer().put((float[]) data).flip(), shape);
            case FP64 -> OnnxTensor.createTensor(env, region == null ? DoubleBuffer.wrap((double[]) data)
                    : region.asDoubleBuffer().put((double[]) data).flip(), shape);
            case INT32, UINT32 -> OnnxTensor.createTensor(env, region == null ? IntBuffer.wrap((int[]) data)
                    : region.asIntBuffer().put((int[]) data).flip(), shape);
            case INT64, UINT64 -> OnnxTensor.createTensor(env, region == null ? LongBuffer.wrap((long[]) data)
                    : region.asLongBuffer().put((long[]) data).flip(), shape);
            case INT16, UINT16 -> OnnxTensor.createTensor(env, shorts(region, (short[]) data), shape);
            case FP16 -> OnnxTensor.createTensor(env, shorts(region, (short[]) data), shape, OnnxJavaType.FLOAT16);
            case BF16 -> OnnxTensor.createTensor(env, shorts(region, (short[]) data), shape, OnnxJavaType.BFLOAT16);
            case INT8 -> OnnxTensor.createTensor(env, bytes(region, (byte[]) data), shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(env, bytes(region, (byte[]) data), shape, OnnxJavaType.UINT8);
            case BOOL -> OnnxTensor.createTensor(env, ByteBuffer.wrap(toBytes((boolean[]) data)), shape, OnnxJavaType.BOOL);
            case BYTES -> OnnxTensor.createTensor(env, (String[]) data, shape);
        };
    }

    private static ShortBuffer shorts(ByteBuffer region, short[] data) {
        return region == null ? ShortBuffer.wrap(data) : region.asShortBuffer().put(data).flip();
    }

    private static ByteBuffer bytes(ByteBuffer region, byte[] data) {
        return region == null ? ByteBuffer.wrap(data) : region.put(data).flip();
    }

    /** Copies an ORT output into a protocol tensor named {@code name}. */
    static Tensor fromOnnx(String name, OnnxTensor value) throws OrtException {
        TensorInfo info = value.getInfo();
        long[] shape = info.getShape();
        Datatype datatype = toDatatype(info.onnxType).orElseThrow(() -> new InferenceFailedException(
                "output '" + name + "' has element type " + info.onnxType + ", which the protocol cannot carry", null));
        int count = Math.toIntExact(Tensor.elementCount(shape));
        Object data = switch (datatype) {
            case FP32 -> copy(value.getFloatBuffer(), new float[count]);
            case FP64 -> copy(value.getDoubleBuffer(), new double[count]);
            case INT32, UINT32 -> copy(value.getIntBuffer(), new int[count]);
            case INT64, UINT64 -> copy(value.getLongBuffer(), new long[count]);
            case INT16, UINT16, FP16, BF16 -> copy(value.getShortBuffer(), new short[count]);
            case INT8, UINT8 -> copy(value.getByteBuffer(), new byte[count]);
            case BOOL -> toBooleans(value.getByteBuffer(), count);
            case BYTES -> flattenStrings(value.getValue(), count);
        };
        return new Tensor(name, datatype, shape, data);
    }

    private static byte[] toBytes(boolean[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return bytes;
    }

    private static boolean[] toBooleans(ByteBuffer buffer, int count) {
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.get(i) != 0;
        }
        return values;
    }

    private static float[] copy(FloatBuffer buffer, float[] target) {
        buffer.get(target);
        return target;
    }

    private static double[] copy(DoubleBuffer buffer, double[] target) {
        buffer.get(target);
        return target;
    }

    private static int[] copy(IntBuffer buffer, int[] target) {
        buffer.get(target);
        return target;
    }

    private static long[] copy(LongBuffer buffer, long[] target) {
        buffer.get(target);
        return target;
    }

    private static short[] copy(ShortBuffer buffer, short[] target) {
        buffer.get(target);
        return target;
    }

    private static byte[] copy(ByteBuffer buffer, byte[] target) {
        buffer.get(target);
        return target;
    }

    private static String[] flattenStrings(Object value, int count) {
        String[] strings = new String[count];
        int filled = flattenInto(value, strings, 0);
        if (filled != count) {
            throw new InferenceFailedException("string output has " + filled + " elements, expected " + count, null);
        }
        return strings;
    }

    private static int flattenInto(Object value, String[] target, int offset) {
        if (value instanceof String s) {
            target[offset] = s;
            return offset + 1;
        }
        if (value instanceof String[] strings) {
            System.arraycopy(strings, 0, target, offset, strings.length);
            return offset + strings.length;
        }
        int next = offset;
        for (int i = 0; i < Array.getLength(value); i++) {
            next = flattenInto(Array.get(value, i), target, next);
        }
        return next;
    }
}
