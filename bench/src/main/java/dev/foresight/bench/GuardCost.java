package dev.foresight.bench;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.foresight.serving.inference.graph.DivisionGuard;
import dev.foresight.serving.inference.graph.GraphRewriter;
import dev.foresight.serving.inference.graph.RewrittenModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a division guard costs ONNX Runtime per call: one {@code z = op(x, y)} graph as written
 * and as the server's {@link GraphRewriter} guards it, run in one process in alternating rounds
 * (one intra-op thread, new input tensors per call, each guard's count fetched and read as the
 * server does), the median of the rounds. A graph without integer division is reported as the
 * rewriter leaves it: unchanged, so its cost is none.
 *
 * <pre>{@code bench/guard-cost.sh [--rounds 7] [--calls 20000]}</pre>
 */
public final class GuardCost {
    private record Case(String op, int type, String typeName, int elements) {
    }

    private GuardCost() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ServingBenchmark.parse(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "20000"));
        List<Case> cases = List.of(new Case("Div", 6, "INT32", 1), new Case("Div", 6, "INT32", 1024),
                new Case("Mod", 7, "INT64", 1), new Case("Div", 2, "UINT8", 1), new Case("Div", 1, "FP32", 1));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> lines = new ArrayList<>();
        for (Case c : cases) {
            byte[] plain = graph(c.op(), c.type());
            Path file = Files.createTempFile("guard-cost", ".onnx");
            Files.write(file, plain);
            RewrittenModel rewritten = new GraphRewriter((model, values) -> {
                throw new IllegalStateException("every type is declared");
            }).rewrite(file);
            String what = c.op() + " " + c.typeName() + ", " + c.elements() + " element" + (c.elements() > 1 ? "s" : "");
            if (rewritten.rewritten().isEmpty()) {
                lines.add(String.format(Locale.ROOT, "| %s | not rewritten: the file loads as it is | | |", what));
                continue;
            }
            Set<String> guardedOutputs = new LinkedHashSet<>(List.of("z"));
            rewritten.guards().stream().map(DivisionGuard::output).forEach(guardedOutputs::add);
            try (OrtSession.SessionOptions options1 = new OrtSession.SessionOptions()) {
                options1.setIntraOpNumThreads(1);
                options1.setInterOpNumThreads(1);
                try (OrtSession unguarded = env.createSession(plain, options1);
                     OrtSession guarded = env.createSession(rewritten.rewritten().get().toByteArray(), options1)) {
                    double[][] micros = new double[2][rounds];
                    for (int round = -1; round < rounds; round++) { // round -1 warms both up
                        for (int which = 0; which < 2; which++) {
                            double perCall = time(env, which == 0 ? unguarded : guarded,
                                    which == 0 ? Set.of("z") : guardedOutputs, c, calls);
                            if (round >= 0) {
                                micros[which][round] = perCall;
                            }
                        }
                    }
                    double before = median(micros[0]);
                    double after = median(micros[1]);
                    lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |", what, before, after, after - before));
                }
            }
        }
        System.out.println("\n==== division guards in ONNX Runtime, " + rounds + " rounds of " + calls
                + " calls, median us per call ====");
        System.out.println("| graph | as written | guarded | guard |");
        System.out.println("| --- | ---: | ---: | ---: |");
        lines.forEach(System.out::println);
    }

    private static double time(OrtEnvironment env, OrtSession session, Set<String> outputs, Case c, int calls)
            throws Exception {
        int width = switch (c.type()) {
            case 2 -> 1;
            case 6, 1 -> 4;
            default -> 8;
        };
        ByteBuffer x = ByteBuffer.allocateDirect(c.elements() * width).order(ByteOrder.nativeOrder());
        ByteBuffer y = ByteBuffer.allocateDirect(c.elements() * width).order(ByteOrder.nativeOrder());
        for (int i = 0; i < c.elements(); i++) {
            put(x, c.type(), 100 + 7 * i);
            put(y, c.type(), 1 + i % 9);
        }
        OnnxJavaType javaType = switch (c.type()) {
            case 2 -> OnnxJavaType.UINT8;
            case 6 -> OnnxJavaType.INT32;
            case 1 -> OnnxJavaType.FLOAT;
            default -> OnnxJavaType.INT64;
        };
        long[] shape = {c.elements()};
        long started = System.nanoTime();
        for (int call = 0; call < calls; call++) {
            try (OnnxTensor a = OnnxTensor.createTensor(env, x.rewind(), shape, javaType);
                 OnnxTensor b = OnnxTensor.createTensor(env, y.rewind(), shape, javaType);
                 OrtSession.Result result = session.run(Map.of("x", a, "y", b), outputs)) {
                for (String output : outputs) {
                    if (!output.equals("z")) {
                        ((OnnxTensor) result.get(output).orElseThrow()).getValue(); // the server reads the count
                    }
                }
            }
        }
        return (System.nanoTime() - started) / 1e3 / calls;
    }

    private static void put(ByteBuffer buffer, int type, int value) {
        switch (type) {
            case 2 -> buffer.put((byte) value);
            case 6 -> buffer.putInt(value);
            case 1 -> buffer.putFloat(value);
            default -> buffer.putLong(value);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static byte[] graph(String op, int type) {
        GraphProto graph = GraphProto.newBuilder().setName(op)
                .addNode(NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase(Locale.ROOT))
                        .addInput("x").addInput("y").addOutput("z"))
                .addInput(vector("x", type)).addInput(vector("y", type)).addOutput(vector("z", type)).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("foresight-bench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto vector(String name, int type) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor
                .newBuilder().setElemType(type).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("n"))))).build();
    }
}
