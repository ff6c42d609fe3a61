package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.container;
import static dev.foresight.charts.RenderedChart.env;
import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** monitoring.*: the server's monitoring and payload-log settings, and the dashboard's drift panels. */
class ServingMonitoringTest {

    private static Map<String, Object> serving(RenderedChart chart) {
        return container(chart.named("Deployment", RenderedChart.RELEASE + "-foresight-serving"), "serving");
    }

    private static List<String> envNames(Map<String, Object> container) {
        return Yamls.listAt(container, "env").stream().map(e -> (String) Yamls.map(e).get("name")).toList();
    }

    @Test
    void monitoringIsOnWithTheChartsWindowsAndPayloadLoggingOff() {
        Map<String, Object> serving = serving(RenderedChart.withDefaults());
        assertEquals("true", env(serving, "FORESIGHT_MONITORING_ENABLED"));
        assertEquals("1000", env(serving, "FORESIGHT_MONITORING_WINDOW_REQUESTS"));
        assertEquals("10m", env(serving, "FORESIGHT_MONITORING_WINDOW_DURATION"));
        assertEquals("0.01", env(serving, "FORESIGHT_MONITORING_ALPHA"));
        assertTrue(envNames(serving).stream().noneMatch(name -> name.startsWith("FORESIGHT_PAYLOAD_LOG")), envNames(serving).toString());
    }

    @Test
    void aPayloadLogUrlTurnsPayloadLoggingOn() {
        Map<String, Object> serving = serving(RenderedChart.with(values("monitoring.payloadLog.url",
                "http://detector.ml.svc/events", "monitoring.payloadLog.batchSize", 1, "monitoring.enabled", false)));
        assertEquals("http://detector.ml.svc/events", env(serving, "FORESIGHT_PAYLOAD_LOG_URL"));
        assertEquals("1", env(serving, "FORESIGHT_PAYLOAD_LOG_BATCH_SIZE"));
        assertEquals("false", env(serving, "FORESIGHT_MONITORING_ENABLED"));
    }

    @Test
    void theDashboardShowsDriftColdStartOutputsAndDrops() throws Exception {
        Set<String> used = new HashSet<>();
        DashboardTest.queries().flatMap(q -> PromQl.selectors(q).stream()).forEach(s -> used.add(s.metric()));
        assertTrue(used.containsAll(Set.of("foresight_drift_model_detected", "foresight_drift_psi", "foresight_drift_ks",
                "foresight_drift_ks_threshold", "foresight_drift_unseen_ratio", "foresight_drift_out_of_range_ratio",
                "foresight_drift_quantile", "foresight_drift_reference_quantile", "foresight_drift_coverage_ratio",
                "foresight_monitoring_dropped_total", "foresight_payload_log_events_total")), used.toString());
        JsonNode dashboard = new ObjectMapper().readTree(java.nio.file.Files.readString(
                RenderedChart.CHART.resolve("dashboards/foresight.json")));
        boolean driftRow = false;
        for (JsonNode panel : dashboard.path("panels")) {
            driftRow |= "row".equals(panel.path("type").asText()) && panel.path("title").asText().contains("drift");
        }
        assertTrue(driftRow, "a row of drift panels");
    }
}
