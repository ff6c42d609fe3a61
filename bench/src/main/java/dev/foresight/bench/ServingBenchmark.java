package dev.foresight.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        double recRaw1 = RawOrt.rowsPerSecond(recommendation, "user_id", RawOrt.userIds(USERS), 1, 1, seconds / 2.0);
        double recRaw32 = RawOrt.rowsPerSecond(recommendation, "user_id", RawOrt.userIds(USERS), 32, 2, seconds / 2.0);
        double mlpRaw1 = RawOrt.rowsPerSecond(mlp, "x", RawOrt.floats(1024), 1, 1, seconds / 2.0);
        double mlpRaw32 = RawOrt.rowsPerSecond(mlp, "x", RawOrt.floats(1024), 32, 2, seconds / 2.0);
        report.row("recommendation, batch 1, 1 thread", "%,.0f rows/s", recRaw1);
        report.row("recommendation, batch 32, 2 threads", "%,.0f rows/s", recRaw32);
        report.row("mlp 4x1024, batch 1, 1 thread", "%,.0f rows/s", mlpRaw1);
        report.row("mlp 4x1024, batch 32, 2 threads", "%,.0f rows/s", mlpRaw32);

        report.section("Start-up: java -jar to /v2/health/ready = 200, shipped models (" + shipped + ")");
        Path archive = workdir.resolve("serving.jsa");
        ManagedServer.trainArchive(jar, shipped.toAbsolutePath(), archive, userRequest(USERS[0]),
                "/v2/models/recommendation/infer");
        for (boolean cds : new boolean[] {false, true}) {
            double[] starts = new double[3];
            for (int i = 0; i < starts.length; i++) {
                List<String> cdsOptions = cds ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
                try (ManagedServer server = ManagedServer.start(jar, shipped.toAbsolutePath(), Map.of(), cdsOptions)) {
                    starts[i] = server.readyMillis();
                }
            }
            Arrays.sort(starts);
            report.row((cds ? "ready with an AppCDS archive" : "ready, plain java -jar") + " (median of 3; all "
                    + Arrays.toString(round(starts)) + ")", "%,.0f ms", starts[1]);
        }

        byte[] recBody = userRequest(USERS[0]);
        byte[] tinyBody = ("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0.5,1.5]}]}")
                .getBytes(StandardCharsets.UTF_8);
        Wrk.Result echo;
        Wrk.Result echoTiny;
        Path empty = Files.createDirectories(workdir.resolve("empty"));
        try (ManagedServer server = ManagedServer.start(jar, empty, Map.of("FORESIGHT_BENCH_ECHO", "true"), jvm)) {
            wrk(server, "/v2/echo/infer", recBody, 32, 2); // warm-up
            echo = wrk(server, "/v2/echo/infer", recBody, 32, seconds);
            echoTiny = wrk(server, "/v2/echo/infer", tinyBody, 32, seconds);
        }
        report.section("HTTP baseline: bare Micronaut endpoint that parses and answers V2 JSON (wrk)");
        report.wrk("echo, recommendation-shaped request", echo);
        report.wrk("echo, tiny-model-shaped request", echoTiny);

        report.section("Server, packaged jar (wrk, closed loop, keep-alive)");
        try (ManagedServer server = ManagedServer.start(jar, models, Map.of(), jvm)) {
            wrk(server, "/v2/models/recommendation/infer", recBody, 32, 3); // warm-up
            Wrk.Result best = null;
            for (int connections : new int[] {1, 8, 32, 64}) {
                Wrk.Result result = wrk(server, "/v2/models/recommendation/infer", recBody, connections, seconds);
                report.wrk("recommendation, " + connections + " connections", result);
                if (best == null || result.requestsPerSecond() > best.requestsPerSecond()) {
                    best = result;
                }
            }
            Wrk.Result rec32 = wrk(server, "/v2/models/recommendation/infer", recBody, 32, seconds);
            report.wrk("recommendation, 32 connections (for the ratio)", rec32);
            Wrk.Result tiny32 = wrk(server, "/v2/models/tiny/infer", tinyBody, 32, seconds);
            report.wrk("tiny model (2x2 dense layer), 32 connections", tiny32);

            byte[] mlpJson = mlpJsonRequest();
            wrk(server, "/v2/models/mlp/infer", mlpJson, 64, 3);
            Wrk.Result mlpJsonResult = wrk(server, "/v2/models/mlp/infer", mlpJson, 64, seconds);
            report.wrk("mlp, 1 row/request JSON, 64 connections", mlpJsonResult);
            Wrk.Result mlpBinary = wrkBinary(server, "/v2/models/mlp/infer", mlpBinaryRequest(), 64, seconds);
            report.wrk("mlp, 1 row/request binary, 64 connections", mlpBinary);

            byte[] anomalyBody = anomalyRequest(server.port());
            Wrk.Result anomalyPeak = null;
            if (anomalyBody != null) {
                anomalyPeak = wrk(server, "/v2/models/anomaly/infer", anomalyBody, 32, seconds);
                report.wrk("anomaly, 32 connections", anomalyPeak);
            }

            report.section("Fixed rate at half the peak (open loop, latency from the scheduled time)");
            FixedRateLoad load = new FixedRateLoad("127.0.0.1", server.port());
            halfPeak(report, load, "recommendation", best.requestsPerSecond() / 2, seconds, recBody);
            if (anomalyPeak != null) {
                halfPeak(report, load, "anomaly", anomalyPeak.requestsPerSecond() / 2, seconds, anomalyBody);
            }

            report.section("Overload: twice the peak rate, 256 connections");
            FixedRateLoad.Interval over = load.run(best.requestsPerSecond() * 2, Math.max(3, seconds / 2), 256,
                    n -> new FixedRateLoad.Request("/v2/models/recommendation/infer", recBody));
            report.row("recommendation: answers by status " + over.statuses() + ", connection errors " + over.ioErrors(),
                    "p99 %,.1f ms", over.latencyMicros().getValueAtPercentile(99) / 1000.0);

            report.section("Ratios (targets from issue 6)");
            report.row("overhead: recommendation req/s at 32 connections / echo req/s (>= 0.8)", "%.2f",
                    rec32.requestsPerSecond() / echo.requestsPerSecond());
            report.row("overhead on a tiny model: tiny req/s / echo req/s, 32 connections (the serving path alone)", "%.2f",
                    tiny32.requestsPerSecond() / echoTiny.requestsPerSecond());
            report.row("compute: mlp rows/s served, 64 connections, JSON / raw batch 32 on 2 threads (>= 0.7)", "%.2f",
                    mlpJsonResult.requestsPerSecond() / mlpRaw32);
            report.row("compute: the same with binary tensors", "%.2f", mlpBinary.requestsPerSecond() / mlpRaw32);
        }
        System.out.println(report);
    }

    private static void halfPeak(Report report, FixedRateLoad load, String model, double rate, int seconds, byte[] body)
            throws InterruptedException {
        load.run(rate, 2, 32, n -> new FixedRateLoad.Request("/v2/models/" + model + "/infer", body)); // warm-up
        FixedRateLoad.Interval half = load.run(rate, seconds, 32,
                n -> new FixedRateLoad.Request("/v2/models/" + model + "/infer", body));
        Histogram h = half.latencyMicros();
        report.row(String.format(Locale.ROOT, "%s at %,.0f req/s: p50 %.2f ms, errors %d", model, rate,
                h.getValueAtPercentile(50) / 1000.0, half.clientErrors() + half.serverErrors() + half.ioErrors()),
                "p99 %.2f ms", h.getValueAtPercentile(99) / 1000.0);
    }

    private static Wrk.Result wrk(ManagedServer server, String path, byte[] body, int connections, int seconds)
            throws IOException, InterruptedException {
        return Wrk.run("http://127.0.0.1:" + server.port() + path, body, "application/json", Map.of(), connections, seconds);
    }

    private static Wrk.Result wrkBinary(ManagedServer server, String path, byte[][] request, int connections,
                                        int seconds) throws IOException, InterruptedException {
        return Wrk.run("http://127.0.0.1:" + server.port() + path, request[1], "application/octet-stream",
                Map.of("Inference-Header-Content-Length", Integer.toString(request[0].length)), connections, seconds);
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

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(Math::rint).toArray();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** The printed table. */
    private static final class Report {
        private final List<String> lines = new ArrayList<>();

        void section(String title) {
            lines.add("");
            lines.add("## " + title);
            System.out.println("... " + title);
        }

        void row(String what, String format, double value) {
            String line = String.format(Locale.ROOT, "  %-100s " + format, what, value);
            lines.add(line);
            System.out.println(line);
        }

        void wrk(String what, Wrk.Result r) {
            String line = String.format(Locale.ROOT, "  %-48s %,10.0f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx/errors %d",
                    what, r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors());
            lines.add(line);
            System.out.println(line);
        }

        @Override
        public String toString() {
            return "\n==== Foresight serving benchmark ====" + String.join("\n", lines);
        }
    }
}
