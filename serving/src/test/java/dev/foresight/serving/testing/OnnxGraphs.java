package dev.foresight.serving.testing;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnx.proto.OnnxMl.AttributeProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Small, real ONNX graphs written with the ONNX protobuf classes, for tests that load them into
 * ONNX Runtime. Element types are ONNX's {@code TensorProto.DataType} numbers.
 */
public final class OnnxGraphs {
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

    private OnnxGraphs() {
    }

    /** {@code y = Identity(x)}, x and y of {@code type} and shape {@code dims} (-1: dynamic). */
    public static byte[] identity(int type, long... dims) {
        return model(GraphProto.newBuilder().setName("identity")
                .addNode(node("Identity", "x", "y"))
                .addInput(value("x", type, dims))
                .addOutput(value("y", type, dims)));
    }

    /** {@code y = Cast(x)} from {@code from} to {@code to}, shape {@code dims}. */
    public static byte[] cast(int from, int to, long... dims) {
        return model(GraphProto.newBuilder().setName("cast")
                .addNode(node("Cast", "x", "y").toBuilder().addAttribute(AttributeProto.newBuilder()
                        .setName("to").setType(AttributeProto.AttributeType.INT).setI(to)))
                .addInput(value("x", from, dims))
                .addOutput(value("y", to, dims)));
    }

    /**
     * FP32 {@code x [-1, 2]} -> {@code sum = x + constant}, {@code doubled = x * 2}: the constant
     * tells in a response which version computed it.
     */
    public static byte[] addConstant(float constant) {
        return model(GraphProto.newBuilder().setName("add")
                .addInitializer(TensorProto.newBuilder().setName("c").setDataType(FLOAT).addFloatData(constant))
                .addInitializer(TensorProto.newBuilder().setName("two").setDataType(FLOAT).addFloatData(2f))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("c").addOutput("sum"))
                .addNode(NodeProto.newBuilder().setOpType("Mul").addInput("x").addInput("two").addOutput("doubled"))
                .addInput(value("x", FLOAT, -1, 2))
                .addOutput(value("sum", FLOAT, -1, 2))
                .addOutput(value("doubled", FLOAT, -1, 2)));
    }

    /**
     * FP32 {@code x [-1, 2]} plus an optional input {@code c [1]} whose default (an initializer)
     * is {@code defaultValue}: {@code sum = x + c}.
     */
    public static byte[] addWithDefault(float defaultValue) {
        return model(GraphProto.newBuilder().setName("add_default")
                .addInitializer(TensorProto.newBuilder().setName("c").setDataType(FLOAT).addDims(1).addFloatData(defaultValue))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("c").addOutput("sum"))
                .addInput(value("x", FLOAT, -1, 2))
                .addInput(value("c", FLOAT, 1))
                .addOutput(value("sum", FLOAT, -1, 2)));
    }

    /** A graph without inputs: {@code y} is the FP32 constant [1.5, -2]. */
    public static byte[] constantOnly() {
        return model(GraphProto.newBuilder().setName("constant")
                .addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("y").addAttribute(AttributeProto.newBuilder()
                        .setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(TensorProto.newBuilder()
                                .setDataType(FLOAT).addDims(2).addFloatData(1.5f).addFloatData(-2f))))
                .addOutput(value("y", FLOAT, 2)));
    }

    /** INT64 {@code index [-1]} -> {@code Gather} from a 3-row table: indexes past 2 fail at run time. */
    public static byte[] gather() {
        return gather(3);
    }

    /** INT64 {@code index [-1]} -> {@code Gather} from a table of {@code rows} rows (10, 20, ...). */
    public static byte[] gather(int rows) {
        TensorProto.Builder table = TensorProto.newBuilder().setName("table").setDataType(FLOAT).addDims(rows);
        for (int row = 1; row <= rows; row++) {
            table.addFloatData(10f * row);
        }
        return model(GraphProto.newBuilder().setName("gather")
                .addInitializer(table)
                .addNode(NodeProto.newBuilder().setOpType("Gather").addInput("table").addInput("index").addOutput("value"))
                .addInput(value("index", INT64, -1))
                .addOutput(value("value", FLOAT, -1)));
    }

    /**
     * A deliberately slow graph: FP32 {@code x [1, size]} is tiled to {@code [size, size]} and
     * multiplied {@code rounds} times by a {@code size x size} matrix; {@code y} is the sum, a scalar.
     */
    public static byte[] slow(int size, int rounds) {
        TensorProto.Builder weights = TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(size).addDims(size);
        for (int i = 0; i < size * size; i++) {
            weights.addFloatData(1f / size);
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("slow")
                .addInitializer(weights)
                .addInitializer(TensorProto.newBuilder().setName("repeats").setDataType(INT64).addDims(2)
                        .addInt64Data(size).addInt64Data(1))
                .addNode(NodeProto.newBuilder().setOpType("Tile").addInput("x").addInput("repeats").addOutput("m0"));
        for (int r = 0; r < rounds; r++) {
            graph.addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("m" + r).addInput("w").addOutput("m" + (r + 1)));
        }
        graph.addNode(NodeProto.newBuilder().setOpType("ReduceSum").addInput("m" + rounds).addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)))
                .addInput(value("x", FLOAT, 1, size))
                .addOutput(value("y", FLOAT));
        return model(graph);
    }

    /** {@code z = op(x, y)} at {@code opset}, all three of {@code type} and shape [-1] (Div, Mod, ...). */
    public static byte[] binary(String op, int type, int opset) {
        return model(GraphProto.newBuilder().setName(op.toLowerCase())
                .addNode(NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_1")
                        .addInput("x").addInput("y").addOutput("z"))
                .addInput(value("x", type, -1))
                .addInput(value("y", type, -1))
                .addOutput(value("z", type, -1)), opset);
    }

    /** {@code z = Div(x, divisor)}, x and z of {@code type} [-1], the divisor a constant of one element. */
    public static byte[] divisionByConstant(int type, long divisor) {
        return model(GraphProto.newBuilder().setName("div_constant")
                .addInitializer(TensorProto.newBuilder().setName("d").setDataType(type).addDims(1)
                        .setRawData(com.google.protobuf.ByteString.copyFrom(java.nio.ByteBuffer.allocate(8)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(divisor).array(), 0, width(type))))
                .addNode(NodeProto.newBuilder().setOpType("Div").addInput("x").addInput("d").addOutput("z"))
                .addInput(value("x", type, -1))
                .addOutput(value("z", type, -1)));
    }

    /**
     * {@code z = If(c) then Div(x, y) else x}: a division inside an If branch; x, y, z of
     * {@code type} [-1], c a BOOL scalar.
     */
    public static byte[] divisionInIf(int type) {
        GraphProto then = GraphProto.newBuilder().setName("then")
                .addNode(NodeProto.newBuilder().setOpType("Div").setName("div_in_then").addInput("x").addInput("y").addOutput("q"))
                .addOutput(value("q", type, -1)).build();
        GraphProto otherwise = GraphProto.newBuilder().setName("else")
                .addNode(node("Identity", "x", "same"))
                .addOutput(value("same", type, -1)).build();
        return model(GraphProto.newBuilder().setName("div_in_if")
                .addNode(NodeProto.newBuilder().setOpType("If").setName("if_1").addInput("c").addOutput("z")
                        .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH).setG(then))
                        .addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(AttributeProto.AttributeType.GRAPH).setG(otherwise)))
                .addInput(value("x", type, -1))
                .addInput(value("y", type, -1))
                .addInput(value("c", BOOL))
                .addOutput(value("z", type, -1)));
    }

    /**
     * A Loop of {@code n} (INT64 scalar) iterations whose body divides the carried {@code acc}
     * (initially {@code x}) by the outer {@code y}; x, y, z of {@code type} [-1].
     */
    public static byte[] divisionInLoop(int type) {
        GraphProto body = GraphProto.newBuilder().setName("body")
                .addNode(node("Identity", "cond_in", "cond_out"))
                .addNode(NodeProto.newBuilder().setOpType("Div").setName("div_in_loop").addInput("acc").addInput("y").addOutput("acc_out"))
                .addInput(value("i", INT64))
                .addInput(value("cond_in", BOOL))
                .addInput(value("acc", type, -1))
                .addOutput(value("cond_out", BOOL))
                .addOutput(value("acc_out", type, -1)).build();
        return model(GraphProto.newBuilder().setName("div_in_loop")
                .addNode(NodeProto.newBuilder().setOpType("Loop").setName("loop_1").addInput("n").addInput("").addInput("x").addOutput("z")
                        .addAttribute(AttributeProto.newBuilder().setName("body").setType(AttributeProto.AttributeType.GRAPH).setG(body)))
                .addInput(value("x", type, -1))
                .addInput(value("y", type, -1))
                .addInput(value("n", INT64))
                .addOutput(value("z", type, -1)));
    }

    /**
     * A Scan over the rows of {@code ys [-1, k]} with the state {@code s} (initially {@code x [k]}):
     * each step {@code s = Mod(s, row)}; {@code z} is the final state. All of {@code type}.
     */
    public static byte[] divisionInScan(int type) {
        GraphProto body = GraphProto.newBuilder().setName("body")
                .addNode(NodeProto.newBuilder().setOpType("Mod").setName("mod_in_scan").addInput("s").addInput("row").addOutput("s_out"))
                .addInput(value("s", type, -1))
                .addInput(value("row", type, -1))
                .addOutput(value("s_out", type, -1)).build();
        return model(GraphProto.newBuilder().setName("mod_in_scan")
                .addNode(NodeProto.newBuilder().setOpType("Scan").setName("scan_1").addInput("x").addInput("ys").addOutput("z")
                        .addAttribute(AttributeProto.newBuilder().setName("body").setType(AttributeProto.AttributeType.GRAPH).setG(body))
                        .addAttribute(AttributeProto.newBuilder().setName("num_scan_inputs").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addInput(value("x", type, -1))
                .addInput(value("ys", type, -1, -1))
                .addOutput(value("z", type, -1)));
    }

    /**
     * {@code z = custom.SafeDivide(x, y)}, a model-local function whose body is {@code Div}: x, y,
     * z of {@code type} [-1].
     */
    public static byte[] divisionInFunction(int type) {
        ai.onnx.proto.OnnxMl.FunctionProto function = ai.onnx.proto.OnnxMl.FunctionProto.newBuilder()
                .setName("SafeDivide").setDomain("custom").addInput("a").addInput("b").addOutput("q")
                .addNode(NodeProto.newBuilder().setOpType("Div").setName("div_in_function").addInput("a").addInput("b").addOutput("q"))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("div_in_function")
                .addNode(NodeProto.newBuilder().setOpType("SafeDivide").setDomain("custom").setName("call_1")
                        .addInput("x").addInput("y").addOutput("z"))
                .addInput(value("x", type, -1))
                .addInput(value("y", type, -1))
                .addOutput(value("z", type, -1));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("foresight-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("custom").setVersion(1))
                .addFunctions(function).setGraph(graph).build().toByteArray();
    }

    private static int width(int type) {
        return switch (type) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 4;
            default -> 8;
        };
    }

    private static NodeProto node(String op, String input, String output) {
        return NodeProto.newBuilder().setOpType(op).addInput(input).addOutput(output).build();
    }

    private static ValueInfoProto value(String name, int type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    private static byte[] model(GraphProto.Builder graph) {
        return model(graph, 17);
    }

    private static byte[] model(GraphProto.Builder graph, int opset) {
        return ModelProto.newBuilder().setIrVersion(opset < 9 ? 3 : 8).setProducerName("foresight-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build().toByteArray();
    }

    /** A new, empty temporary model repository. */
    public static Path repository(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts {@code bytes} at {@code <repository>/<model>/<version>/model.onnx} atomically (written
     * beside, then moved), with a modification time in the past so it is taken at once.
     */
    public static Path deploy(Path repository, String model, long version, byte[] bytes) {
        try {
            Path directory = Files.createDirectories(repository.resolve(model).resolve(Long.toString(version)));
            Path staging = Files.createTempFile(repository, ".staging", ".onnx");
            Files.write(staging, bytes);
            Files.setLastModifiedTime(staging, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000));
            return Files.move(staging, directory.resolve("model.onnx"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
