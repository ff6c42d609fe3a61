package dev.foresight.bench;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Two builds of the server side by side on the same models, in turns (baseline, candidate,
 * baseline, ...) so that both see the same machine, after one warm-up run of each: wrk's
 * requests/s at 32 connections and the server's CPU per request, the median of the turns. The models: an INT32 {@code Div} (which a
 * build with division guards rewrites) at 1 and 1024 elements a request, and the shipped models,
 * which have no integer division (the anomaly model has FP32 Div nodes).
 *
 * <pre>{@code bench/compare.sh --baseline old/foresight-serving.jar [--seconds 10] [--turns 3]}</pre>
 */
public final class BuildComparison {
    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ServingBenchmark.parse(args);
        Path baseline = Path.of(options.getOrDefault("baseline", ""));
        Path candidate = Path.of(options.getOrDefault("candidate", "serving/target/foresight-serving.jar"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int turns = Integer.parseInt(options.getOrDefault("turns", "3"));
        if (!Files.isRegularFile(baseline) || !Files.isRegularFile(candidate)) {
            throw new IllegalArgumentException("--baseline JAR (and --candidate JAR, default " + candidate + ") must exist");
        }
        Path models = models(Path.of(options.getOrDefault("models", "models")));
        List<String> lines = new ArrayList<>();
        try (ManagedServer before = ManagedServer.start(baseline, models, Map.of("FORESIGHT_STATE_DIR",
                Files.createTempDirectory("bench-state").toString()), List.of());
             ManagedServer after = ManagedServer.start(candidate, models, Map.of("FORESIGHT_STATE_DIR",
                     Files.createTempDirectory("bench-state").toString()), List.of())) {
            Map<String, byte[]> requests = new LinkedHashMap<>();
            requests.put("div_int32 (1 element)", divRequest(1));
            requests.put("div_int32 (1024 elements)", divRequest(1024));
            requests.put("recommendation", ServingBenchmark.userRequest(17850));
            byte[] anomaly = ServingBenchmark.anomalyRequest(after.port());
            if (anomaly != null) {
                requests.put("anomaly", anomaly);
            }
            for (Map.Entry<String, byte[]> request : requests.entrySet()) {
                String path = "/v2/models/" + request.getKey().replaceFirst(" .*", "") + "/infer";
                double[][] rates = new double[2][turns];
                double[][] cpu = new double[2][turns];
                ManagedServer[] servers = {before, after};
                for (ManagedServer server : servers) {
                    ServingBenchmark.load(server, path, request.getValue(), 32, seconds); // warm-up, not counted
                }
                for (int turn = 0; turn < turns; turn++) {
                    for (int build = 0; build < 2; build++) {
                        ServingBenchmark.Load load = ServingBenchmark.load(servers[build], path, request.getValue(), 32, seconds);
                        if (load.wrk().errors() > 0) {
                            throw new IllegalStateException(request.getKey() + ": " + load.wrk().errors() + " errors");
                        }
                        rates[build][turn] = load.wrk().requestsPerSecond();
                        cpu[build][turn] = load.cpuMicrosPerRequest();
                    }
                    System.out.printf(Locale.ROOT, "... %s turn %d: %.0f vs %.0f req/s%n", request.getKey(), turn + 1,
                            rates[0][turn], rates[1][turn]);
                }
                lines.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %.1f | %.1f | %s |", request.getKey(),
                        median(rates[0]), median(rates[1]), median(rates[1]) / median(rates[0]), median(cpu[0]),
                        median(cpu[1]), Arrays.stream(rates[1]).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r))
                                .collect(Collectors.joining(" "))));
            }
        }
        System.out.println("\n==== baseline " + baseline + " vs candidate " + candidate + ", " + turns + " turns of "
                + seconds + " s at 32 connections (medians) ====");
        System.out.println("| model | baseline req/s | candidate req/s | ratio | baseline CPU us/req | candidate CPU us/req"
                + " | candidate req/s per turn |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        lines.forEach(System.out::println);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The shipped models plus {@code div_int32}: {@code z = Div(x, Add(y, 1))}, INT32 [-1]. */
    private static Path models(Path shipped) throws Exception {
        Path models = Files.createTempDirectory("bench-compare-models");
        try (var children = Files.list(shipped)) {
            for (Path model : children.filter(Files::isDirectory).toList()) {
                Files.createSymbolicLink(models.resolve(model.getFileName()), model.toAbsolutePath());
            }
        }
        Path div = Files.createDirectories(models.resolve("div_int32/1"));
        Files.write(div.resolve("model.onnx"), division());
        return models;
    }

    /**
     * The divisor is {@code y + 1}, so that a build that warms up with zeros (before the guards)
     * does not divide by zero at load.
     */
    private static byte[] division() {
        GraphProto graph = GraphProto.newBuilder().setName("div_int32")
                .addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("one").addAttribute(AttributeProto
                        .newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(TensorProto.newBuilder().setDataType(6).addInt32Data(1))))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("y").addInput("one").addOutput("divisor"))
                .addNode(NodeProto.newBuilder().setOpType("Div").setName("div").addInput("x").addInput("divisor").addOutput("z"))
                .addInput(vector("x")).addInput(vector("y")).addOutput(vector("z")).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("foresight-bench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto vector(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor
                .newBuilder().setElemType(6).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("n"))))).build();
    }

    private static byte[] divRequest(int elements) {
        String x = IntStream.range(0, elements).mapToObj(i -> Integer.toString(1000 + 7 * i)).collect(Collectors.joining(","));
        String y = IntStream.range(0, elements).mapToObj(i -> Integer.toString(1 + i % 9)).collect(Collectors.joining(","));
        return ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT32\",\"shape\":[" + elements + "],\"data\":[" + x + "]},"
                + "{\"name\":\"y\",\"datatype\":\"INT32\",\"shape\":[" + elements + "],\"data\":[" + y + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
