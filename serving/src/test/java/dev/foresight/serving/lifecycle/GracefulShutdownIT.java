package dev.foresight.serving.lifecycle;

import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM on the packaged server: readiness false first, every accepted request answered, a bounded exit. */
class GracefulShutdownIT {
    @TempDir
    Path models;

    @Test
    void sigtermDrainsAcceptedRequestsThenExits() throws Exception {
        OnnxGraphs.deploy(models, "slow", 1, OnnxGraphs.slow(384, 8));
        try (ServerProcess server = ServerProcess.start(models, Map.of(
                "FORESIGHT_SHUTDOWN_DRAIN_DELAY", "1s", "FORESIGHT_THREADS", "2"))) {
            server.awaitStatus("/v2/health/ready", 200, 60);
            Http http = new Http(server.url());
            String body = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,384],\"data\":"
                    + "[" + "1,".repeat(383) + "1]}]}";
            long single = System.nanoTime();
            assertEquals(200, http.post("/v2/models/slow/infer", body).statusCode());
            long singleMillis = (System.nanoTime() - single) / 1_000_000;

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> http.post("/v2/models/slow/infer", body)));
            }
            Thread.sleep(Math.max(100, singleMillis / 2));
            long terminated = System.nanoTime();
            server.process().destroy(); // SIGTERM

            boolean sawUnready = false;
            while (server.process().isAlive() && !sawUnready) {
                try {
                    sawUnready = http.get("/v2/health/ready").statusCode() == 503;
                } catch (UncheckedIOException e) {
                    break; // no longer accepting
                }
            }
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
            }
            assertTrue(server.process().waitFor(45, TimeUnit.SECONDS), "did not exit:\n" + server.log());
            long exitMillis = (System.nanoTime() - terminated) / 1_000_000;
            assertTrue(sawUnready, "readiness never turned false:\n" + server.log());
            assertTrue(exitMillis < 40_000, "exit took " + exitMillis + " ms");
        }
    }
}
