package dev.foresight.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnlineRetail;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.Promtool;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monitoring through the real server over HTTP: the shipped recommender and its shipped profile
 * (twice, as "recommendation" and "replay", so that each gets its own traffic), fed Online Retail
 * visits in time order, a few customers a request (rows are the observations); and a small graph
 * without a profile.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringEndpointTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROFILE_REQUESTS = 20;
    /** Customers per request: each row is one observation, so this only saves round trips. */
    private static final int VISITS_PER_REQUEST = 8;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Path root = OnnxGraphs.repository("foresight-monitoring");
        Path shipped = Path.of("../models/recommendation");
        try {
            for (String name : List.of("recommendation", "replay")) {
                Path version = Files.createDirectories(root.resolve(name).resolve("1"));
                Files.copy(shipped.resolve("config.json"), root.resolve(name).resolve("config.json"));
                Files.copy(shipped.resolve("1/profile.json"), version.resolve("profile.json"));
                Files.copy(shipped.resolve("1/model.onnx"), version.resolve("model.onnx"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "plain", 1, OnnxGraphs.addConstant(2));
        return Map.of("foresight.models.dir", root.toString(),
                "foresight.monitoring.window-requests", "3000",
                "foresight.monitoring.profile-requests", Integer.toString(PROFILE_REQUESTS));
    }

    @BeforeEach
    void awaitStartup() {
        http().await("/v2/health/ready");
    }

    private Http http() {
        return new Http(server.getURL());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Sends the visits in time order, {@value #VISITS_PER_REQUEST} customers a request; returns the requests sent. */
    private long send(String model, List<OnlineRetail.Visit> visits) {
        long requests = 0;
        for (int from = 0; from < visits.size(); from += VISITS_PER_REQUEST) {
            List<OnlineRetail.Visit> batch = visits.subList(from, Math.min(visits.size(), from + VISITS_PER_REQUEST));
            String users = batch.stream().map(v -> Long.toString(v.user())).collect(java.util.stream.Collectors.joining(","));
            String body = "{\"inputs\":[{\"name\":\"user_id\",\"datatype\":\"INT64\",\"shape\":[" + batch.size()
                    + "],\"data\":[" + users + "]}]}";
            assertEquals(200, http().post("/v2/models/" + model + "/infer", body).statusCode());
            requests++;
        }
        return requests;
    }

    /** The model's monitoring report once it has counted {@code requests} (counting is off the request path). */
    private JsonNode report(String model, long requests) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode report = json(http().get("/v2/models/" + model + "/monitoring").body());
            if (report.path("requests").asLong() >= requests || System.nanoTime() > deadline) {
                assertEquals(requests, report.path("requests").asLong(), report.toString());
                return report;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode feature(JsonNode report, String window, String tensor) {
        for (JsonNode w : report.path("windows")) {
            if (w.path("window").asText().equals(window)) {
                for (JsonNode f : w.path("features")) {
                    if (f.path("tensor").asText().equals(tensor)) {
                        return f;
                    }
                }
            }
        }
        throw new AssertionError("no " + tensor + " in the " + window + " window of " + report);
    }

    @Test
    void theHeldOutMonthDriftsWithTheColdStartRateOfTheData() {
        OnlineRetail data = OnlineRetail.load();
        List<OnlineRetail.Visit> month = data.heldOut();
        JsonNode report = report("recommendation", send("recommendation", month));
        assertEquals("shipped", report.path("profile").path("source").asText());
        assertTrue(report.path("drifted").asBoolean(), report.toString());
        JsonNode users = feature(report, "count", "user_id");
        assertEquals(month.size(), users.path("observations").asLong());
        assertEquals(data.coldStartShare(month), users.path("unseen_share").asDouble(), 1e-12);
        assertTrue(users.path("drifted").asBoolean(), users.toString());
        JsonNode items = feature(report, "count", "item_id");
        assertEquals("output", items.path("role").asText());
        assertEquals(month.size(), items.path("observations").asLong());
        assertTrue(items.path("coverage").asDouble() > 0 && items.path("coverage").asDouble() < 1, items.toString());
        JsonNode scores = feature(report, "time", "score");
        assertTrue(scores.path("quantiles").has("0.5") && scores.path("reference_quantiles").has("0.99"), scores.toString());
        assertTrue(report.path("memory_bytes").asLong() > 0);
        System.out.printf("over HTTP, held-out month: %d visits, user_id PSI %.3f KS %.3f (critical %.3f) unseen %.4f; "
                + "item_id PSI %.3f coverage %.3f; score PSI %.3f; %d bytes of windows%n", month.size(),
                users.path("psi").asDouble(), users.path("ks").asDouble(), users.path("ks_threshold").asDouble(),
                users.path("unseen_share").asDouble(), items.path("psi").asDouble(), items.path("coverage").asDouble(),
                feature(report, "count", "score").path("psi").asDouble(), report.path("memory_bytes").asLong());
    }

    @Test
    void replayingTheEndOfTheTrainingPeriodStaysLow() {
        List<OnlineRetail.Visit> training = OnlineRetail.load().training();
        List<OnlineRetail.Visit> last = training.subList(training.size() - 1000, training.size());
        JsonNode report = report("replay", send("replay", last));
        assertFalse(report.path("drifted").asBoolean(), report.toString());
        JsonNode users = feature(report, "count", "user_id");
        JsonNode items = feature(report, "count", "item_id");
        JsonNode scores = feature(report, "count", "score");
        assertTrue(users.path("psi").asDouble() < 0.1 && !users.path("drifted").asBoolean(), users.toString());
        assertEquals(0.0, users.path("unseen_share").asDouble());
        assertTrue(items.path("psi").asDouble() < 0.1 && !items.path("drifted").asBoolean(), items.toString());
        // The scores are recency-weighted: customers active just before the cutoff score higher than the
        // year's visits on average, so the score output moves while the inputs do not; it is flagged on its
        // own, not as the model's drift.
        System.out.printf("over HTTP, the last %d training visits: user_id PSI %.3f, item_id PSI %.3f, score PSI %.3f "
                + "(median %.3f, reference %.3f), score flagged %s, model flagged %s%n", last.size(),
                users.path("psi").asDouble(), items.path("psi").asDouble(), scores.path("psi").asDouble(),
                scores.path("quantiles").path("0.5").asDouble(), scores.path("reference_quantiles").path("0.5").asDouble(),
                scores.path("drifted").asBoolean(), report.path("drifted").asBoolean());
    }

    @Test
    void aModelWithoutProfileSaysItIsBuildingOneFromItsFirstRequests() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http().post("/v2/models/plain/infer",
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}").statusCode());
        }
        JsonNode profile = report("plain", 5).path("profile");
        assertEquals("first_requests", profile.path("source").asText());
        assertFalse(profile.path("ready").asBoolean());
        assertEquals(PROFILE_REQUESTS, profile.path("requests_needed").asLong());
        assertEquals(5, profile.path("requests_seen").asLong());
    }

    @Test
    void metricsCarryTheScoresAndPromtoolAcceptsThem() throws Exception {
        for (int i = 0; i < PROFILE_REQUESTS + 150; i++) {
            float x = i < PROFILE_REQUESTS ? i % 5 : 100 + i;
            assertEquals(200, http().post("/v2/models/add/infer",
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[" + x + ",1]}]}").statusCode());
        }
        JsonNode report = report("add", PROFILE_REQUESTS + 150);
        assertTrue(report.path("profile").path("ready").asBoolean());
        assertTrue(feature(report, "count", "x").path("drifted").asBoolean(), report.toString());
        String metrics = http().get("/metrics").body();
        assertTrue(metrics.contains("foresight_monitoring_profile_ready{model=\"add\",source=\"first_requests\",version=\"1\"} 1.0"), metrics);
        assertTrue(metrics.contains("foresight_drift_detected{feature=\"0\",model=\"add\",role=\"input\",tensor=\"x\",version=\"1\",window=\"count\"} 1.0"), metrics);
        assertTrue(metrics.contains("foresight_drift_model_detected{model=\"add\",version=\"1\",window=\"count\"} 1.0"), metrics);
        assertTrue(metrics.contains("foresight_drift_psi{feature=\"1\",model=\"add\",role=\"input\",tensor=\"x\",version=\"1\",window=\"time\"}"), metrics);
        assertTrue(metrics.contains("foresight_monitoring_dropped_total{model=\"add\"} 0.0"), metrics);
        Promtool.assertAccepts(metrics);
    }

    @Test
    void anUnknownModelIs404AndAnInvalidVersionIs400() {
        assertEquals(404, http().get("/v2/models/nope/monitoring").statusCode());
        assertEquals(400, http().get("/v2/models/add/versions/x/monitoring").statusCode());
        assertEquals(404, http().get("/v2/models/add/versions/7/monitoring").statusCode());
    }
}
