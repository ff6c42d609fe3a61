package dev.foresight.serving.lifecycle;

import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.ServerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged server killed with SIGKILL while it loads a model file (a native crash inside the
 * runtime looks the same from outside): the next start must not load that file again after two
 * such deaths in a row, and must serve the other models. The test-only hook
 * {@code -Dforesight.test-only.pause-while-loading} stops the load of one model so that the kill
 * lands inside it.
 */
class CrashDuringLoadIT {
    private static final String MARKER = "test-only-paused-while-loading";
    private static final String REQUEST = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}";

    @TempDir
    Path models;
    @TempDir
    Path state;

    @BeforeEach
    void deploy() {
        OnnxGraphs.deploy(models, "healthy", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(models, "victim", 1, OnnxGraphs.addConstant(2));
    }

    /** Starts the server with the hook on {@code victim}, waits until its load is paused, and kills it. */
    private void killWhileLoading() throws Exception {
        Files.deleteIfExists(state.resolve(MARKER));
        try (ServerProcess server = ServerProcess.start(models, Map.of("FORESIGHT_STATE_DIR", state.toString()),
                List.of("-Dforesight.test-only.pause-while-loading=victim"))) {
            awaitMarker(server);
            server.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
        }
    }

    private void awaitMarker(ServerProcess server) throws InterruptedException {
        while (!Files.exists(state.resolve(MARKER))) {
            assertTrue(server.process().isAlive(), "the server exited before the load paused:\n" + server.log());
            Thread.sleep(50);
        }
    }

    private ServerProcess start() throws Exception {
        return ServerProcess.start(models, Map.of("FORESIGHT_STATE_DIR", state.toString()));
    }

    @Test
    void twoDeathsWhileLoadingAFileStopItFromLoadingUntilItChanges() throws Exception {
        killWhileLoading();
        killWhileLoading();
        try (ServerProcess server = start()) {
            Http http = new Http(server.url()).await("/v2/models/healthy/ready");
            assertEquals(200, http.post("/v2/models/healthy/infer", REQUEST).statusCode());
            HttpResponse<String> victim = awaitFailure(http);
            assertTrue(victim.body().contains("the server stopped while loading this file"), victim.body());

            // A new file is a new chance.
            OnnxGraphs.deploy(models, "victim", 1, OnnxGraphs.addConstant(3));
            http.await("/v2/models/victim/ready");
            HttpResponse<String> answer = http.post("/v2/models/victim/infer", REQUEST);
            assertTrue(answer.body().contains("[4.0,5.0]"), answer.body());
        }
    }

    /** Were the stop counted, or one death enough, the kill after it would condemn the file. */
    @Test
    void aGracefulStopDuringALoadIsNoDeathAndOneDeathIsForgiven() throws Exception {
        Files.deleteIfExists(state.resolve(MARKER));
        try (ServerProcess stopped = ServerProcess.start(models, Map.of("FORESIGHT_STATE_DIR", state.toString()),
                List.of("-Dforesight.test-only.pause-while-loading=victim"))) {
            awaitMarker(stopped);
            stopped.process().destroy(); // SIGTERM
            assertTrue(stopped.process().waitFor(60, TimeUnit.SECONDS), "no graceful exit:\n" + stopped.log());
        }
        killWhileLoading();
        try (ServerProcess server = start()) {
            new Http(server.url()).await("/v2/models/victim/ready");
        }
    }

    /** Waits until the victim's readiness reports a failure (503 with a reason, not "yet"). */
    private static HttpResponse<String> awaitFailure(Http http) throws InterruptedException {
        while (true) {
            HttpResponse<String> ready = http.get("/v2/models/victim/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            if (!ready.body().contains(" yet")) {
                return ready;
            }
            Thread.sleep(50);
        }
    }
}
