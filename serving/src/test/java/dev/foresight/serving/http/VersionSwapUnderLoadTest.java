package dev.foresight.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions come and go while clients send requests without pause: a new version, a corrupt one,
 * deleting the newest, a new model folder. Not one request may fail.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionSwapUnderLoadTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0,0]}]}";

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/health/ready");
    }

    private Path root;

    @Override
    public Map<String, String> getProperties() {
        root = OnnxGraphs.repository("foresight-swap");
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        return Map.of("foresight.models.dir", root.toString(),
                "foresight.models.poll-interval", "100ms",
                "foresight.models.settle-time", "100ms");
    }

    @Test
    void swapsVersionsUnderLoadWithoutAFailedRequest() throws Exception {
        Http http = new Http(server.getURL());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<Float> lastAnswer = new AtomicReference<>();
        Set<Float> answers = ConcurrentHashMap.newKeySet();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = http.post("/v2/models/m/infer", BODY);
                    requests.incrementAndGet();
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                        continue;
                    }
                    float answer = (float) JSON.readTree(response.body()).get("outputs").get(0).get("data").get(0).asDouble();
                    answers.add(answer);
                    lastAnswer.set(answer);
                }
                return null;
            });
        }
        try {
            awaitAnswer(lastAnswer, 1f);
            OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
            awaitAnswer(lastAnswer, 2f);
            OnnxGraphs.deploy(root, "m", 3, "corrupt".getBytes());
            Thread.sleep(500);
            awaitAnswer(lastAnswer, 2f);
            deleteRecursively(root.resolve("m/2"));
            awaitAnswer(lastAnswer, 1f);
            OnnxGraphs.deploy(root, "m", 4, OnnxGraphs.addConstant(4));
            awaitAnswer(lastAnswer, 4f);
            OnnxGraphs.deploy(root, "other", 1, OnnxGraphs.addConstant(9));
            Thread.sleep(500);
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), failures, "failed requests out of " + requests.get());
        assertEquals(Set.of(1f, 2f, 4f), answers);
        assertTrue(requests.get() > 100, "too few requests to mean anything: " + requests.get());
        assertEquals(200, http.get("/v2/models/other/ready").statusCode());
    }

    private static void awaitAnswer(AtomicReference<Float> lastAnswer, float expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int streak = 0;
        while (streak < 20) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never served " + expected + "; last " + lastAnswer.get());
            }
            streak = Float.valueOf(expected).equals(lastAnswer.get()) ? streak + 1 : 0;
            Thread.sleep(5);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
