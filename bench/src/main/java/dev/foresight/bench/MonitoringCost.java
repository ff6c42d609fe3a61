package dev.foresight.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What input monitoring costs the recommendation model (bench/monitoring.sh): two servers on the
 * shipped models, one with monitoring off ({@code FORESIGHT_MONITORING_ENABLED=false}: the
 * dispatcher's observer is the empty one) and one with it on (the default, against the shipped
 * profile), loaded by wrk in turns (off, on, on, off, ...), then both at once, each by its own
 * wrk: on a shared machine the turns see different neighbours, the simultaneous runs the same.
 * Prints each run, the on/off throughput ratio of each turn with their median, the on/off server
 * CPU per request, the CPU the monitoring thread itself used per request (from /proc), and how
 * many requests the monitor counted and dropped. Two warm-up runs on each
 * server come first (just-in-time compilation).
 */
public final class MonitoringCost {
    private static final String PATH = "/v2/models/recommendation/infer";

    private MonitoringCost() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ServingBenchmark.parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "serving/target/foresight-serving.jar"));
        Path models = Path.of(options.getOrDefault("models", "models")).toAbsolutePath();
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int turns = Integer.parseInt(options.getOrDefault("turns", "5"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        List<String> jvm = List.of("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m");
        byte[] body = ServingBenchmark.userRequest(17850);
        Report report = new Report();
        try (ManagedServer off = ManagedServer.start(jar, models, Map.of("FORESIGHT_MONITORING_ENABLED", "false"), jvm);
             ManagedServer on = ManagedServer.start(jar, models, Map.of(), jvm)) {
            report.section("Monitoring off and on, recommendation model, " + connections + " connections, in turns");
            for (int warmUp = 0; warmUp < 2; warmUp++) {
                load(off, body, connections, seconds);
                load(on, body, connections, seconds);
            }
            double[] ratios = new double[turns];
            double[] cpuRatios = new double[turns];
            double[] monitoringShares = new double[turns];
            double monitoringCpu = 0;
            long onRequests = 0;
            for (int turn = 0; turn < turns; turn++) {
                boolean offFirst = turn % 2 == 0;
                double monitoringBefore = on.threadCpuSeconds("monitoring");
                ServingBenchmark.Load first = load(offFirst ? off : on, body, connections, seconds);
                ServingBenchmark.Load second = load(offFirst ? on : off, body, connections, seconds);
                ServingBenchmark.Load offLoad = offFirst ? first : second;
                ServingBenchmark.Load onLoad = offFirst ? second : first;
                double monitoringSeconds = on.threadCpuSeconds("monitoring") - monitoringBefore;
                report.load("monitoring off, turn " + (turn + 1), offLoad);
                report.load("monitoring on, turn " + (turn + 1), onLoad);
                ratios[turn] = onLoad.wrk().requestsPerSecond() / offLoad.wrk().requestsPerSecond();
                cpuRatios[turn] = onLoad.cpuMicrosPerRequest() / offLoad.cpuMicrosPerRequest();
                monitoringShares[turn] = monitoringSeconds * 1e6 / onLoad.wrk().requests() / onLoad.cpuMicrosPerRequest();
                monitoringCpu += monitoringSeconds;
                onRequests += onLoad.wrk().requests();
            }
            report.section("Monitoring off and on at the same time: each server with its own wrk ("
                    + connections / 2 + " connections), so that both share whatever else the machine does");
            double[] together = new double[turns];
            for (int turn = 0; turn < turns; turn++) {
                ServingBenchmark.Load[] pair = loadTogether(off, on, body, connections / 2, seconds);
                report.load("monitoring off, together " + (turn + 1), pair[0]);
                report.load("monitoring on, together " + (turn + 1), pair[1]);
                together[turn] = pair[1].wrk().requestsPerSecond() / pair[0].wrk().requestsPerSecond();
            }
            report.section("Cost of monitoring (target: at most 5% of throughput)");
            report.row("on / off req/s at the same time, median of turns " + Arrays.toString(round(together)), "%.3f",
                    median(together));
            report.row("throughput cost at the same time, 1 - median", "%.1f%%", 100 * (1 - median(together)));
            report.row("on / off req/s in turns, median of turns " + Arrays.toString(round(ratios)), "%.3f", median(ratios));
            report.row("throughput cost in turns, 1 - median", "%.1f%%", 100 * (1 - median(ratios)));
            report.row("server CPU per request, on / off, median of turns " + Arrays.toString(round(cpuRatios)), "%.3f",
                    median(cpuRatios));
            report.row("the monitoring thread's CPU per request, all turns (us)", "%.2f", monitoringCpu * 1e6 / onRequests);
            report.row("  as a share of the server's CPU per request, median of turns " + Arrays.toString(round(monitoringShares)),
                    "%.3f", median(monitoringShares));
            String monitoring = get(on.port(), "/v2/models/recommendation/monitoring");
            report.row("requests the monitor counted", "%,.0f", number(monitoring, "\"requests\":([0-9]+)"));
            report.row("requests dropped by a full monitoring queue", "%,.0f", number(monitoring, "\"dropped\":([0-9]+)"));
            report.row("fixed memory of the recommender's windows, bytes", "%,.0f", number(monitoring, "\"memory_bytes\":([0-9]+)"));
        }
        System.out.println(report);
    }

    private static ServingBenchmark.Load load(ManagedServer server, byte[] body, int connections, int seconds)
            throws IOException, InterruptedException {
        double cpu = server.cpuSeconds();
        Wrk.Result result = Wrk.run("http://127.0.0.1:" + server.port() + PATH, body, "application/json", Map.of(),
                connections, seconds);
        return new ServingBenchmark.Load(result, (server.cpuSeconds() - cpu) * 1e6 / result.requests());
    }

    /** Both servers under wrk for the same {@code seconds}: [off, on]. */
    private static ServingBenchmark.Load[] loadTogether(ManagedServer off, ManagedServer on, byte[] body, int connections,
                                                        int seconds) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<ServingBenchmark.Load> offRun = pool.submit(() -> load(off, body, connections, seconds));
            java.util.concurrent.Future<ServingBenchmark.Load> onRun = pool.submit(() -> load(on, body, connections, seconds));
            return new ServingBenchmark.Load[] {offRun.get(), onRun.get()};
        } finally {
            pool.shutdown();
        }
    }

    private static String get(int port, String path) throws IOException {
        return new String(URI.create("http://127.0.0.1:" + port + path).toURL().openStream().readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private static double number(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.rint(v * 1000) / 1000).toArray();
    }
}
