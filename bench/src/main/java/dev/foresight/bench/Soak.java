package dev.foresight.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The soak (bench/soak.sh): the packaged server on the shipped models, fed a fixed rate of mixed
 * good and bad requests for N minutes; every minute it prints the answers, the unexpected ones
 * (a good request not answered 200, a bad one not answered 4xx, any 5xx), p50/p99 and the
 * server's resident memory.
 */
public final class Soak {
    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ServingBenchmark.parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "serving/target/foresight-serving.jar"));
        Path models = Path.of(options.getOrDefault("models", "models")).toAbsolutePath();
        double minutes = Double.parseDouble(options.getOrDefault("minutes", "30"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "500"));
        double badShare = Double.parseDouble(options.getOrDefault("bad-share", "0.2"));
        double interval = Double.parseDouble(options.getOrDefault("interval-seconds", "60"));
        try (ManagedServer server = ManagedServer.start(jar, models, Map.of(), List.of("-Xms256m", "-Xmx256m"))) {
            List<FixedRateLoad.Request> good = new ArrayList<>();
            for (long user : new long[] {17850, 13047, 12583, 15100, 14688, 12345, 99999}) {
                good.add(new FixedRateLoad.Request("/v2/models/recommendation/infer", ServingBenchmark.userRequest(user)));
            }
            byte[] anomaly = ServingBenchmark.anomalyRequest(server.port());
            if (anomaly != null) {
                good.add(new FixedRateLoad.Request("/v2/models/anomaly/infer", anomaly));
            }
            List<FixedRateLoad.Request> bad = List.of(
                    bad("/v2/models/recommendation/infer", "{\"inputs\":[{\"name\":\"user_id\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}"),
                    bad("/v2/models/recommendation/infer", "{\"inputs\":[{\"name\":\"user_id\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[1]}]}"),
                    bad("/v2/models/recommendation/infer", "{\"inputs\": [{\"name\""),
                    bad("/v2/models/recommendation/infer", "{\"inputs\":[{\"name\":\"nope\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}]}"),
                    bad("/v2/models/missing/infer", "{\"inputs\":[]}"),
                    bad("/v2/models/recommendation/versions/99/infer", "{\"inputs\":[]}"),
                    bad("/v2/models/recommendation/infer", "[" .repeat(5000)));
            Random random = new Random(3);
            List<FixedRateLoad.Request> mixed = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                mixed.add(random.nextDouble() < badShare ? bad.get(random.nextInt(bad.size()))
                        : good.get(random.nextInt(good.size())));
            }
            FixedRateLoad load = new FixedRateLoad("127.0.0.1", server.port());
            System.out.printf(Locale.ROOT, "soak: %.0f req/s for %.1f min, %.0f%% bad requests, ready in %.0f ms%n",
                    rate, minutes, badShare * 100, server.readyMillis());
            System.out.println("minute  requests      200      4xx   429/503  unexpected  io-errors   p50 ms   p99 ms   RSS MB");
            java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>();
            long total = 0;
            long unexpected = 0;
            long ioErrors = 0;
            double worstP99 = 0;
            double firstRss = 0;
            double lastRss = 0;
            int intervals = (int) Math.ceil(minutes * 60 / interval);
            for (int i = 1; i <= intervals; i++) {
                FixedRateLoad.Interval result = load.run(rate, interval, 16, n -> mixed.get(n % mixed.size()));
                long requests = result.ok() + result.clientErrors() + result.serverErrors() + result.ioErrors();
                long rejected = result.statuses().getOrDefault(429, 0L) + result.statuses().getOrDefault(503, 0L);
                double p99 = result.latencyMicros().getValueAtPercentile(99) / 1000.0;
                double rss = server.residentBytes() / 1048576.0;
                if (i == 1) {
                    firstRss = rss;
                }
                lastRss = rss;
                total += requests;
                result.statuses().forEach((status, count) -> statuses.merge(status, count, Long::sum));
                unexpected += result.unexpected();
                ioErrors += result.ioErrors();
                worstP99 = Math.max(worstP99, p99);
                System.out.printf(Locale.ROOT, "%6.1f %9d %8d %8d %9d %11d %10d %8.2f %8.2f %8.1f%n", i * interval / 60,
                        requests, result.statuses().getOrDefault(200, 0L), result.clientErrors() - rejected + result.serverErrors()
                                - result.statuses().getOrDefault(503, 0L), rejected, result.unexpected(), result.ioErrors(),
                        result.latencyMicros().getValueAtPercentile(50) / 1000.0, p99, rss);
            }
            System.out.printf(Locale.ROOT, "soak total: %d requests, %d unexpected answers, %d connection errors,"
                            + " worst minute p99 %.2f ms, RSS %.1f MB after the first interval, %.1f MB at the end (%+.1f%%)%n",
                    total, unexpected, ioErrors, worstP99, firstRss, lastRss, (lastRss / firstRss - 1) * 100);
            System.out.println("soak answers by status: " + statuses);
            if (unexpected > 0 || ioErrors > 0) {
                System.exit(1);
            }
        }
    }

    private static FixedRateLoad.Request bad(String path, String body) {
        return new FixedRateLoad.Request(path, body.getBytes(StandardCharsets.UTF_8), false);
    }
}
