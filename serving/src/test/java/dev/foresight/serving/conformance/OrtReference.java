package dev.foresight.serving.conformance;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime itself, in this JVM, without the server: what it computes for a node test's
 * inputs. Asked only when the server's answer differs from ONNX's expected one, to tell the
 * server's fault (it differs from its runtime) from the runtime's (ONNX Runtime computes it so).
 * Only for models without integer division, which is all that differ; inputs of the datatypes the
 * Java API can create.
 */
final class OrtReference {
    private OrtReference() {
    }

    /** The outputs ONNX Runtime computes, as tensors comparable to the server's; empty when it cannot be asked. */
    static Optional<List<TensorFile>> compute(Path model, List<String> names, List<TensorFile> inputs,
                                              List<String> outputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            for (int i = 0; i < inputs.size(); i++) {
                Optional<OnnxTensor> tensor = create(env, inputs.get(i));
                if (tensor.isEmpty()) {
                    return Optional.empty();
                }
                feed.put(names.get(i), tensor.get());
            }
            try (OrtSession.Result result = session.run(feed)) {
                List<TensorFile> computed = new ArrayList<>();
                for (String output : outputs) {
                    OnnxValue value = result.get(output).orElseThrow();
                    computed.add(read((OnnxTensor) value));
                }
                return Optional.of(computed);
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static Optional<OnnxTensor> create(OrtEnvironment env, TensorFile input) throws OrtException {
        List<Object> v = input.values();
        long[] shape = input.shape();
        int n = v.size();
        return Optional.ofNullable(switch (input.datatype()) {
            case "FP32" -> {
                float[] data = new float[n];
                for (int i = 0; i < n; i++) {
                    data[i] = ((Double) v.get(i)).floatValue();
                }
                yield OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
            }
            case "FP64" -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(v.stream().mapToDouble(x -> (Double) x).toArray()), shape);
            case "INT64" -> OnnxTensor.createTensor(env, LongBuffer.wrap(v.stream().mapToLong(x -> ((BigInteger) x).longValue()).toArray()), shape);
            case "INT32" -> OnnxTensor.createTensor(env, IntBuffer.wrap(v.stream().mapToInt(x -> ((BigInteger) x).intValue()).toArray()), shape);
            case "INT16" -> {
                short[] data = new short[n];
                for (int i = 0; i < n; i++) {
                    data[i] = ((BigInteger) v.get(i)).shortValue();
                }
                yield OnnxTensor.createTensor(env, ShortBuffer.wrap(data), shape);
            }
            case "INT8", "UINT8", "BOOL" -> {
                byte[] data = new byte[n];
                for (int i = 0; i < n; i++) {
                    data[i] = v.get(i) instanceof Boolean b ? (byte) (b ? 1 : 0) : ((BigInteger) v.get(i)).byteValue();
                }
                OnnxJavaType type = switch (input.datatype()) {
                    case "INT8" -> OnnxJavaType.INT8;
                    case "UINT8" -> OnnxJavaType.UINT8;
                    default -> OnnxJavaType.BOOL;
                };
                yield OnnxTensor.createTensor(env, ByteBuffer.wrap(data), shape, type);
            }
            case "BYTES" -> OnnxTensor.createTensor(env, v.toArray(new String[0]), shape);
            default -> null;
        });
    }

    private static TensorFile read(OnnxTensor tensor) throws OrtException {
        long[] shape = tensor.getInfo().getShape();
        List<Object> values = new ArrayList<>();
        String datatype = switch (tensor.getInfo().onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                while (b.hasRemaining()) {
                    values.add((double) b.get());
                }
                yield "FP32";
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                while (b.hasRemaining()) {
                    values.add(b.get());
                }
                yield "FP64";
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> {
                FloatBuffer b = tensor.getFloatBuffer(); // widened by the Java API
                while (b.hasRemaining()) {
                    values.add((double) b.get());
                }
                yield tensor.getInfo().onnxType == ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16
                        ? "FP16" : "BF16";
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> {
                values.addAll(flatten(tensor.getValue()));
                yield "BYTES";
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> {
                ByteBuffer b = tensor.getByteBuffer();
                while (b.hasRemaining()) {
                    values.add(b.get() != 0);
                }
                yield "BOOL";
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
                 ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16,
                 ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32,
                 ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> {
                String name = tensor.getInfo().onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
                int bits = Integer.parseInt(name.replaceAll("[^0-9]", ""));
                for (Object element : flatten(tensor.getValue())) {
                    BigInteger value = BigInteger.valueOf(((Number) element).longValue());
                    // the Java API gives unsigned elements as the signed values of their bits
                    values.add(name.startsWith("U") && value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(bits)) : value);
                }
                yield name;
            }
            default -> throw new IllegalArgumentException("not compared here: " + tensor.getInfo().onnxType);
        };
        return new TensorFile(datatype, shape, values);
    }

    /** The elements of the (nested) array the Java API gives for a tensor, in row-major order. */
    private static List<Object> flatten(Object value) {
        List<Object> elements = new ArrayList<>();
        if (!value.getClass().isArray()) {
            elements.add(value);
        } else {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                elements.addAll(flatten(java.lang.reflect.Array.get(value, i)));
            }
        }
        return elements;
    }
}
