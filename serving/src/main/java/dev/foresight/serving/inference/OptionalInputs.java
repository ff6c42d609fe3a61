package dev.foresight.serving.inference;

import ai.onnx.proto.OnnxMl;
import dev.foresight.serving.protocol.BinaryTensorData;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Graph inputs that have an initializer, which a caller may feed or leave at their default.
 *
 * <p>ONNX Runtime's Java API neither lists such inputs nor lets them be fed (it accepts only as
 * many inputs as the graph has required ones). So a graph that has them is rewritten before
 * loading: the initializers behind inputs are removed, which makes the inputs required for the
 * runtime, and the server feeds the removed defaults whenever a request leaves them out.
 */
final class OptionalInputs {
    private final OnnxMl.ModelProto rewritten;
    private final Map<String, Tensor> defaults;
    private final List<TensorSpec> specs;

    private OptionalInputs(OnnxMl.ModelProto rewritten, Map<String, Tensor> defaults, List<TensorSpec> specs) {
        this.rewritten = rewritten;
        this.defaults = defaults;
        this.specs = specs;
    }

    /** Reads the optional inputs of the model in {@code file}; empty when it has none. */
    static Optional<OptionalInputs> of(Path file) {
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new ModelLoadException("not a valid ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto graph = model.getGraph();
        Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(initializer -> initializers.put(initializer.getName(), initializer));
        Map<String, Tensor> defaults = new LinkedHashMap<>();
        List<TensorSpec> specs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto input : graph.getInputList()) {
            OnnxMl.TensorProto initializer = initializers.get(input.getName());
            if (initializer == null || !input.getType().hasTensorType()) {
                continue;
            }
            Datatype datatype = datatype(initializer.getDataType()).orElseThrow(() -> new ModelLoadException(
                    "optional input '" + input.getName() + "' has an unsupported element type", null));
            defaults.put(input.getName(), tensor(input.getName(), datatype, initializer));
            specs.add(new TensorSpec(input.getName(), datatype, shape(input.getType().getTensorType().getShape()), true));
        }
        if (defaults.isEmpty()) {
            return Optional.empty();
        }
        OnnxMl.GraphProto.Builder stripped = graph.toBuilder().clearInitializer();
        graph.getInitializerList().stream().filter(i -> !defaults.containsKey(i.getName()))
                .forEach(stripped::addInitializer);
        return Optional.of(new OptionalInputs(model.toBuilder().setGraph(stripped).build(), Map.copyOf(defaults),
                List.copyOf(specs)));
    }

    /** The model without the initializers of its optional inputs, written to {@code file}. */
    void writeRewritten(Path file) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            rewritten.writeTo(out);
        }
    }

    /** The optional inputs, marked so. */
    List<TensorSpec> specs() {
        return specs;
    }

    /** The default of each optional input, fed when a request leaves it out. */
    Map<String, Tensor> defaults() {
        return defaults;
    }

    private static long[] shape(OnnxMl.TensorShapeProto shape) {
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            OnnxMl.TensorShapeProto.Dimension dim = shape.getDim(i);
            dims[i] = dim.hasDimValue() ? dim.getDimValue() : -1;
        }
        return dims;
    }

    private static Tensor tensor(String name, Datatype datatype, OnnxMl.TensorProto proto) {
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = Math.toIntExact(Tensor.elementCount(shape));
        if (proto.hasRawData()) {
            return new Tensor(name, datatype, shape, BinaryTensorData.read("default of '" + name + "'", datatype, count,
                    ByteBuffer.wrap(proto.getRawData().toByteArray())));
        }
        Object data = datatype.newArray(count);
        for (int i = 0; i < count; i++) {
            switch (datatype) {
                case FP32 -> ((float[]) data)[i] = proto.getFloatData(i);
                case FP64 -> ((double[]) data)[i] = proto.getDoubleData(i);
                case INT64 -> ((long[]) data)[i] = proto.getInt64Data(i);
                case UINT32, UINT64 -> ((long[]) data)[i] = proto.getUint64Data(i);
                case INT32 -> ((int[]) data)[i] = proto.getInt32Data(i);
                case INT16, UINT16, FP16, BF16 -> ((short[]) data)[i] = (short) proto.getInt32Data(i);
                case INT8, UINT8 -> ((byte[]) data)[i] = (byte) proto.getInt32Data(i);
                case BOOL -> ((boolean[]) data)[i] = proto.getInt32Data(i) != 0;
                case BYTES -> ((String[]) data)[i] = proto.getStringData(i).toStringUtf8();
            }
        }
        return new Tensor(name, datatype, shape, data);
    }

    /** ONNX's TensorProto.DataType numbers. */
    static Optional<Datatype> datatype(int elementType) {
        return Optional.ofNullable(switch (elementType) {
            case 1 -> Datatype.FP32;
            case 2 -> Datatype.UINT8;
            case 3 -> Datatype.INT8;
            case 4 -> Datatype.UINT16;
            case 5 -> Datatype.INT16;
            case 6 -> Datatype.INT32;
            case 7 -> Datatype.INT64;
            case 8 -> Datatype.BYTES;
            case 9 -> Datatype.BOOL;
            case 10 -> Datatype.FP16;
            case 11 -> Datatype.FP64;
            case 12 -> Datatype.UINT32;
            case 13 -> Datatype.UINT64;
            case 16 -> Datatype.BF16;
            default -> null;
        });
    }
}
