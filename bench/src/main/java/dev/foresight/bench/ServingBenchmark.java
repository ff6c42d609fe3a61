package dev.foresight.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The serving benchmark (bench/run.sh): raw ONNX Runtime in-process, then the packaged server on
 * the same models under wrk at several concurrencies, a bare V2 JSON endpoint as the HTTP
 * baseline, a fixed-rate run at half the peak for tail latency, an overload run, and the time
 * from {@code java -jar} to ready. Prints one table and the ratios, all measured in this run.
 */
public final class ServingBenchmark {
    private static final long[] USERS = {17850, 13047, 12583, 13748, 15100, 15291, 14688, 17809, 15311, 14527,
        16098, 18074, 17420, 16029, 16250, 12431, 17511, 17548, 13705, 13747, 12345, 99999};

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "serving/target/foresight-serving.jar"));
        Path shipped = Path.of(options.getOrDefault("models", "models"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        Path workdir = Files.createTempDirectory("foresight-bench");
        Path models = benchModels(shipped, workdir);
        List<String> jvm = List.of("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m");
        Report report = new Report();

        Path recommendation = models.resolve("recommendation/1/model.onnx");
        Path mlp = models.resolve("mlp/1/model.onnx");
        report.section("Raw ONNX Runtime, in-process (1 intra-op thread per call)");
        RawOrt.Rate recRaw1 = RawOrt.rowsPerSecond(recommendation, "user_id", RawOrt.userIds(USERS), 1, 1, seconds / 2.0);
        RawOrt.Rate recRaw32 = RawOrt.rowsPerSecond(recommendation, "user_id", RawOrt.userIds(USERS), 32, 2, seconds / 2.0);
        RawOrt.Rate mlpRaw1 = RawOrt.rowsPerSecond(mlp, "x", RawOrt.floats(1024), 1, 1, seconds / 2.0);
        RawOrt.Rate mlpRaw32 = RawOrt.rowsPerSecond(mlp, "x", RawOrt.floats(1024), 32, 2, seconds / 2.0);
        report.raw("recommendation, batch 1, 1 thread", recRaw1);
        report.raw("recommendation, batch 32, 2 threads", recRaw32);
        report.raw("mlp 4x1024, batch 1, 1 thread", mlpRaw1);
        report.raw("mlp 4x1024, batch 32, 2 threads", mlpRaw32);

        report.section("Start-up: java -jar to /v2/health/ready = 200, shipped models (" + shipped + ")");
        Path archive = workdir.resolve("serving.jsa");
        ManagedServer.trainArchive(jar, shipped.toAbsolutePath(), archive, userRequest(USERS[0]),
                "/v2/models/recommendation/infer");
        // Metaspace: the default 21 MB threshold costs two full collections while the server starts.
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        variants.put("ready, plain java -jar", List.of());
        variants.put("ready, java -XX:MetaspaceSize=128m -jar", List.of("-XX:MetaspaceSize=128m"));
        variants.put("ready as serving/Dockerfile starts: that and an AppCDS archive",
                List.of("-XX:MetaspaceSize=128m", "-XX:SharedArchiveFile=" + archive));
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            double[] starts = new double[3];
            for (int i = 0; i < starts.length; i++) {
                try (ManagedServer server = ManagedServer.start(jar, shipped.toAbsolutePath(), Map.of(), variant.getValue())) {
                    starts[i] = server.readyMillis();
                }
            }
            Arrays.sort(starts);
            report.row(variant.getKey() + " (median of 3; all " + Arrays.toString(round(starts, 0)) + ")", "%,.0f ms",
                    starts[1]);
        }

        byte[] recBody = userRequest(USERS[0]);
        byte[] tinyBody = ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0.5,1.5]}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (ManagedServer server = ManagedServer.start(jar, models, Map.of("FORESIGHT_BENCH_ECHO", "true"), jvm)) {
            report.section("Server, packaged jar (wrk, closed loop, keep-alive; CPU: the server process's, per request)");
            load(server, "/v2/echo/infer", recBody, 32, 3); // warm-up
            load(server, "/v2/models/recommendation/infer", recBody, 32, 3);
            load(server, "/v2/models/tiny/infer", tinyBody, 32, 3);
            Load best = null;
            for (int connections : new int[] {1, 8, 32, 64}) {
                Load result = load(server, "/v2/models/recommendation/infer", recBody, connections, seconds);
                report.load("recommendation, " + connections + " connections", result);
                if (best == null || result.wrk().requestsPerSecond() > best.wrk().requestsPerSecond()) {
                    best = result;
                }
            }
            report.section("Overhead: echo (a bare Micronaut endpoint in the same server that parses and answers V2 JSON)"
                    + " and a model, 32 connections, in turns");
            Pairs recPairs = pairs(report, server, "recommendation", recBody, seconds);
            Pairs tinyPairs = pairs(report, server, "tiny", tinyBody, seconds);

            report.section("Compute: the MLP, one row per request, 64 connections (dynamic batching up to 32)");
            byte[] mlpJson = mlpJsonRequest();
            load(server, "/v2/models/mlp/infer", mlpJson, 64, 3);
            Load mlpJsonResult = load(server, "/v2/models/mlp/infer", mlpJson, 64, seconds);
            report.load("mlp, 1 row/request JSON, 64 connections", mlpJsonResult);
            Load mlpBinary = loadBinary(server, "/v2/models/mlp/infer", mlpBinaryRequest(), 64, seconds);
            report.load("mlp, 1 row/request binary, 64 connections", mlpBinary);

            byte[] anomalyBody = anomalyRequest(server.port());
            Load anomalyPeak = null;
            if (anomalyBody != null) {
                anomalyPeak = load(server, "/v2/models/anomaly/infer", anomalyBody, 32, seconds);
                report.load("anomaly, 32 connections", anomalyPeak);
            }

            report.section("Fixed rate at half the peak, lower while p99 >= 5 ms (open loop, latency from the scheduled time)");
            FixedRateLoad fixed = new FixedRateLoad("127.0.0.1", server.port());
            TailLatency tail = new TailLatency(report, fixed, server, seconds);
            tail.measure("recommendation", best.wrk().requestsPerSecond(), recBody);
            if (anomalyPeak != null) {
                tail.measure("anomaly", anomalyPeak.wrk().requestsPerSecond(), anomalyBody);
            }

            report.section("Overload: twice the peak rate, 256 connections");
            FixedRateLoad.Request recRequest = new FixedRateLoad.Request("/v2/models/recommendation/infer", recBody);
            FixedRateLoad.Interval over = fixed.run(best.wrk().requestsPerSecond() * 2, Math.max(3, seconds / 2), 256,
                    n -> recRequest);
            report.row("recommendation: answers by status " + over.statuses() + ", connection errors " + over.ioErrors(),
                    "p99 %,.1f ms", over.latencyMicros().getValueAtPercentile(99) / 1000.0);

            report.section("Ratios (targets from issue 6)");
            report.row("overhead: recommendation req/s / echo req/s, 32 connections, median of " + recPairs.ratios().length
                    + " turns " + Arrays.toString(round(recPairs.ratios(), 2)) + " (>= 0.8)", "%.2f", recPairs.median());
            report.row("  the same by the server's CPU: echo CPU per request / recommendation CPU per request", "%.2f",
                    recPairs.cpuRatio());
            report.row("overhead on a tiny model (2x2 dense layer), median of turns " + Arrays.toString(round(tinyPairs.ratios(), 2)),
                    "%.2f", tinyPairs.median());
            report.row("  the same by the server's CPU", "%.2f", tinyPairs.cpuRatio());
            report.row("compute: mlp rows/s served JSON / raw batch 32 on 2 threads (>= 0.7)", "%.2f",
                    mlpJsonResult.wrk().requestsPerSecond() / mlpRaw32.rowsPerSecond());
            report.row("compute: the same with binary tensors", "%.2f",
                    mlpBinary.wrk().requestsPerSecond() / mlpRaw32.rowsPerSecond());
            report.row("  by CPU: raw CPU per row / the server's CPU per row, JSON", "%.2f",
                    mlpRaw32.cpuMicrosPerRow() / mlpJsonResult.cpuMicrosPerRequest());
            report.row("  by CPU: the same with binary tensors", "%.2f",
                    mlpRaw32.cpuMicrosPerRow() / mlpBinary.cpuMicrosPerRequest());
        }
        System.out.println(report);
    }

    /** A wrk run and the server's CPU time per request during it. */
    record Load(Wrk.Result wrk, double cpuMicrosPerRequest) {
    }

    /** Echo and model runs in turns, so that both see the same machine; ratios of each turn. */
    record Pairs(double[] ratios, double cpuRatio) {
        double median() {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    private static Pairs pairs(Report report, ManagedServer server, String model, byte[] body, int seconds)
            throws IOException, InterruptedException {
        double[] ratios = new double[3];
        double echoCpu = 0;
        double modelCpu = 0;
        for (int turn = 0; turn < ratios.length; turn++) {
            Load echo = load(server, "/v2/echo/infer", body, 32, seconds);
            Load served = load(server, "/v2/models/" + model + "/infer", body, 32, seconds);
            report.load("echo, " + model + "-shaped request, turn " + (turn + 1), echo);
            report.load(model + ", turn " + (turn + 1), served);
            ratios[turn] = served.wrk().requestsPerSecond() / echo.wrk().requestsPerSecond();
            echoCpu += echo.cpuMicrosPerRequest();
            modelCpu += served.cpuMicrosPerRequest();
        }
        return new Pairs(ratios, echoCpu / modelCpu);
    }

    static Load load(ManagedServer server, String path, byte[] body, int connections, int seconds)
            throws IOException, InterruptedException {
        return load(server, path, body, "application/json", Map.of(), connections, seconds);
    }

    private static Load loadBinary(ManagedServer server, String path, byte[][] request, int connections,
                                   int seconds) throws IOException, InterruptedException {
        return load(server, path, request[1], "application/octet-stream",
                Map.of("Inference-Header-Content-Length", Integer.toString(request[0].length)), connections, seconds);
    }

    private static Load load(ManagedServer server, String path, byte[] body, String contentType,
                             Map<String, String> headers, int connections, int seconds)
            throws IOException, InterruptedException {
        double cpu = server.cpuSeconds();
        Wrk.Result result = Wrk.run("http://127.0.0.1:" + server.port() + path, body, contentType, headers,
                connections, seconds);
        return new Load(result, (server.cpuSeconds() - cpu) * 1e6 / result.requests());
    }

    /** The shipped models plus the MLP, with dynamic batching on for the MLP. */
    private static Path benchModels(Path shipped, Path workdir) throws IOException {
        Path models = Files.createDirectories(workdir.resolve("models"));
        try (var children = Files.list(shipped)) {
            for (Path model : children.filter(Files::isDirectory).toList()) {
                Files.createSymbolicLink(models.resolve(model.getFileName()), model.toAbsolutePath());
            }
        }
        Path mlp = Files.createDirectories(models.resolve("mlp/1"));
        Files.write(mlp.resolve("model.onnx"), MlpGraph.build(1024, 4, 1024));
        Path tiny = Files.createDirectories(models.resolve("tiny/1"));
        Files.write(tiny.resolve("model.onnx"), MlpGraph.build(2, 1, 2));
        Files.writeString(models.resolve("mlp/config.json"), "{\"max_batch_size\": 32, \"instance_count\": 2,"
                + " \"dynamic_batching\": {\"max_queue_delay_microseconds\": 2000, \"max_queue_size\": 4096}}");
        return models;
    }

    static byte[] userRequest(long user) {
        return ("{\"inputs\":[{\"name\":\"user_id\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[" + user + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mlpJsonRequest() {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 1024; i++) {
            data.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", (i % 17) / 17.0));
        }
        return ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,1024],\"data\":[" + data + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** [JSON header, whole body] of a binary-tensor request for the MLP, asking for a binary answer. */
    private static byte[][] mlpBinaryRequest() {
        byte[] header = ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,1024],"
                + "\"parameters\":{\"binary_data_size\":4096}}],\"parameters\":{\"binary_data_output\":true}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 4096).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header);
        for (int i = 0; i < 1024; i++) {
            body.putFloat((i % 17) / 17f);
        }
        return new byte[][] {header, body.array()};
    }

    /** A window request sized from the anomaly model's metadata; null when it is not there. */
    static byte[] anomalyRequest(int port) throws IOException {
        if (ManagedServer.status(port, "/v2/models/anomaly") != 200) {
            return null;
        }
        String metadata = new String(URI.create("http://127.0.0.1:" + port + "/v2/models/anomaly").toURL()
                .openStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher width = Pattern.compile("\"shape\":\\[-1,(\\d+)\\]").matcher(metadata);
        if (!width.find()) {
            return null;
        }
        int w = Integer.parseInt(width.group(1));
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < w; i++) {
            data.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", 50 + 10 * Math.sin(i / 10.0)));
        }
        return ("{\"inputs\":[{\"name\":\"window\",\"datatype\":\"FP32\",\"shape\":[1," + w + "],\"data\":[" + data
                + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static double[] round(double[] values, int decimals) {
        double scale = Math.pow(10, decimals);
        return Arrays.stream(values).map(v -> Math.rint(v * scale) / scale).toArray();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
