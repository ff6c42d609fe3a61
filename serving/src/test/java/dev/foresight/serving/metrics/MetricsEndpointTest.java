package dev.foresight.serving.metrics;

import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.Promtool;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointTest implements TestPropertyProvider {
    private static final String GOOD = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}";

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/models/add/ready");
    }

    @Override
    public Map<String, String> getProperties() {
        Path root = OnnxGraphs.repository("foresight-metrics");
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "broken", 1, "not a model".getBytes());
        return Map.of("foresight.models.dir", root.toString());
    }

    private String scrapeAfterTraffic() {
        Http http = new Http(server.getURL());
        assertEquals(200, http.post("/v2/models/add/infer", GOOD).statusCode());
        assertEquals(400, http.post("/v2/models/add/infer", "{}").statusCode());
        assertEquals(404, http.post("/v2/models/missing/infer", GOOD).statusCode());
        assertEquals(503, http.post("/v2/models/broken/infer", GOOD).statusCode());
        HttpResponse<String> scrape = http.get("/metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return scrape.body();
    }

    @Test
    void countsRequestsByModelVersionAndOutcome() {
        String metrics = scrapeAfterTraffic();
        assertTrue(metrics.contains("foresight_inference_requests_total{model=\"add\",outcome=\"success\",version=\"1\"}"), metrics);
        assertTrue(metrics.contains("foresight_inference_requests_total{model=\"add\",outcome=\"client_error\",version=\"\"}"), metrics);
        assertTrue(metrics.contains("foresight_inference_requests_total{model=\"_unknown\",outcome=\"client_error\",version=\"\"}"), metrics);
        assertTrue(metrics.contains("foresight_inference_requests_total{model=\"broken\",outcome=\"rejected\",version=\"\"}"), metrics);
        assertTrue(metrics.contains("foresight_request_duration_seconds_count{model=\"add\"}"), metrics);
        assertTrue(metrics.contains("foresight_queue_duration_seconds_count{model=\"add\"}"), metrics);
        assertTrue(metrics.contains("foresight_inference_duration_seconds_count{model=\"add\"}"), metrics);
        assertTrue(metrics.contains("foresight_model_versions_loaded{model=\"add\"} 1.0"), metrics);
        assertTrue(metrics.contains("foresight_model_load_failures_total{model=\"broken\"} 1.0"), metrics);
        assertTrue(metrics.contains("process_resident_memory_bytes") || metrics.contains("jvm_memory_used_bytes"), metrics);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "Accept: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "text/plain                                                  | text/plain; version=0.0.4",
        "application/json                                            | text/plain; version=0.0.4",
        "*/*                                                         | text/plain; version=0.0.4",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited | text/plain; version=0.0.4",
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | application/openmetrics-text; version=1.0.0",
    })
    void answersEveryScraperInTheFormatItAsksFor(String accept, String contentType) {
        HttpResponse<String> scrape = new Http(server.getURL()).get("/metrics", accept.strip());
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith(contentType.strip()),
                scrape.headers().toString());
        assertTrue(scrape.body().contains("foresight_model_versions_loaded"), scrape.body());
        if (contentType.contains("openmetrics")) {
            assertTrue(scrape.body().strip().endsWith("# EOF"), "OpenMetrics ends with # EOF");
        }
    }

    /** promtool comes with Debian's prometheus package, which CI installs; elsewhere the lint is skipped. */
    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Promtool.assertAccepts(scrapeAfterTraffic());
    }
}
