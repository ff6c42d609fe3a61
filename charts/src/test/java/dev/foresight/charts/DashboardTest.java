package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Grafana dashboard ConfigMap: picked up by the sidecar, valid JSON, real metrics only. */
class DashboardTest {
    private static final Map<String, Object> CONFIG_MAP = RenderedChart.withDefaults().named(
            "ConfigMap", RenderedChart.RELEASE + "-foresight-dashboard");

    private static JsonNode dashboard() throws Exception {
        return new ObjectMapper().readTree((String) Yamls.at(CONFIG_MAP, "data", "foresight.json"));
    }

    /** Every PromQL text in the dashboard: panel targets and query variables. */
    static Stream<String> queries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                queries.add(variable.path("query").path("query").asText());
            }
        }
        return queries.stream();
    }

    @Test
    void configMapCarriesTheGrafanaSidecarLabel() {
        assertEquals("1", Yamls.at(CONFIG_MAP, "metadata", "labels", "grafana_dashboard"));
    }

    @Test
    void renderedJsonIsTheChartsDashboardFileUnchanged() throws Exception {
        JsonNode file = new ObjectMapper().readTree(Files.readString(RenderedChart.CHART.resolve("dashboards/foresight.json")));

        assertEquals(file, dashboard());
        assertEquals("Foresight", dashboard().path("title").asText());
    }

    @ParameterizedTest
    @MethodSource("queries")
    void queryUsesOnlyExportedSeriesAndTheirLabels(String query) {
        ExportedMetrics.requireOnlyExported(query);
    }

    @Test
    void panelsShowRequestsLatencyBatchesVersionsAndTheAutoscalersForecast() throws Exception {
        Set<String> used = new HashSet<>();
        queries().flatMap(q -> PromQl.selectors(q).stream()).forEach(s -> used.add(s.metric()));

        assertTrue(used.containsAll(Set.of(
                "foresight_inference_requests_total",
                "foresight_request_duration_seconds_bucket",
                "foresight_batch_size_sum",
                "foresight_model_versions_loaded",
                "foresight_autoscaler_forecast",
                "foresight_autoscaler_load",
                "foresight_autoscaler_desired_replicas",
                "foresight_autoscaler_current_replicas")), used.toString());
    }

    @Test
    void panelIdsAreUniqueAndEveryGraphHasATarget() throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            if (!"row".equals(panel.path("type").asText())) {
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            }
        }
    }
}
