package dev.foresight.autoscaler.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus server (Debian package {@code prometheus}, {@code /usr/bin/prometheus}) started
 * by a test on a free loopback port with a temporary TSDB, optionally backfilled first with
 * {@code promtool tsdb create-blocks-from openmetrics} and scraping given targets every second.
 */
public final class RealPrometheus implements AutoCloseable {
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Process process;
    private final int port;
    private final Path log;

    private RealPrometheus(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Whether the binaries are installed (CI's {@code .ci/run} installs them). */
    public static boolean installed() {
        return Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL);
    }

    /**
     * @param dir           a temporary directory for config, TSDB and log
     * @param openMetrics   samples to backfill (OpenMetrics text ending in {@code # EOF}), or null
     * @param scrapeTargets host:port of targets to scrape at /metrics every second
     */
    public static RealPrometheus start(Path dir, String openMetrics, List<String> scrapeTargets)
            throws IOException, InterruptedException {
        Path tsdb = Files.createDirectories(dir.resolve("tsdb"));
        if (openMetrics != null) {
            Path input = dir.resolve("backfill.om");
            Files.writeString(input, openMetrics);
            Process promtool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                    "--max-block-duration=24h", input.toString(), tsdb.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
            if (!promtool.waitFor(120, TimeUnit.SECONDS) || promtool.exitValue() != 0) {
                throw new IllegalStateException("promtool failed: " + Files.readString(dir.resolve("promtool.log")));
            }
        }
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
        if (!scrapeTargets.isEmpty()) {
            config.append("scrape_configs:\n  - job_name: serving\n    static_configs:\n      - targets: [");
            config.append(String.join(", ", scrapeTargets.stream().map(t -> "'" + t + "'").toList()));
            config.append("]\n");
        }
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config.toString());
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(PROMETHEUS.toString(),
                "--config.file=" + configFile, "--storage.tsdb.path=" + tsdb,
                "--storage.tsdb.retention.time=30d", "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(process, port, log);
        prometheus.awaitReady(Duration.ofSeconds(60));
        return prometheus;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the server (as a crash would: no warning to clients). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("prometheus not ready within " + limit + ": " + Files.readString(log));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
