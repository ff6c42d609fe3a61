package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The optional PrometheusRule (monitoring.prometheusRule.enabled): its alerts use only metrics the
 * server exports, and Prometheus' own promtool checks them and runs them on series where they
 * must and must not fire.
 */
class PrometheusRuleTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final RenderedChart ENABLED = RenderedChart.with(RenderedChart.values(
            "monitoring.prometheusRule.enabled", true, "monitoring.prometheusRule.labels.release", "kube-prometheus"));

    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : Yamls.listAt(ENABLED.one("PrometheusRule"), "spec", "groups")) {
            Yamls.listAt(group, "rules").forEach(rule -> rules.add(Yamls.map(rule)));
        }
        return rules;
    }

    static Stream<String> expressions() {
        return rules().stream().map(rule -> (String) rule.get("expr"));
    }

    @Test
    void isOffByDefault() {
        assertTrue(RenderedChart.withDefaults().all("PrometheusRule").isEmpty());
    }

    @Test
    void carriesTheLabelsPrometheusSelectsRulesBy() {
        assertEquals("kube-prometheus", Yamls.at(ENABLED.one("PrometheusRule"), "metadata", "labels", "release"));
        assertEquals(List.of("ForesightModelDrift", "ForesightMonitoringDrops", "ForesightPayloadLogLosing"),
                rules().stream().map(rule -> rule.get("alert")).toList());
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void alertsUseOnlyExportedSeriesAndTheirLabels(String expr) {
        ExportedMetrics.requireOnlyExported(expr);
    }

    /** promtool comes with Debian's prometheus package, which CI installs; elsewhere this is skipped. */
    @Test
    void promtoolAcceptsTheRulesAndTheyFireWhenTheyShould(@TempDir Path dir) throws Exception {
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed");
        }
        assertTrue(Files.isExecutable(PROMTOOL), "CI must install promtool (Debian package prometheus)");
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(dir.resolve("rules.yaml"), new Yaml(options).dump(Yamls.mapAt(ENABLED.one("PrometheusRule"), "spec")));
        String checked = promtool(dir, "check", "rules", "rules.yaml");
        assertTrue(checked.contains("SUCCESS: 3 rules found"), checked);

        Map<String, Object> drift = rules().get(0);
        Map<String, Object> annotations = Yamls.mapAt(drift, "annotations");
        String pod = "demo-foresight-serving-7d4b9c-x2x9q";
        String otherRelease = "other-foresight-serving-7d4b9c-x2x9q";
        String test = """
                rule_files: [rules.yaml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'foresight_drift_model_detected{namespace="ml", pod="%1$s", model="recommendation", version="1", window="time"}'
                        values: '0 0 0 0 0 1x30'
                      - series: 'foresight_drift_model_detected{namespace="ml", pod="%1$s", model="anomaly", version="1", window="time"}'
                        values: '0x35'
                      - series: 'foresight_drift_model_detected{namespace="ml", pod="%2$s", model="recommendation", version="1", window="time"}'
                        values: '1x35'
                      - series: 'foresight_monitoring_dropped_total{namespace="ml", pod="%1$s", model="anomaly"}'
                        values: '0x5 0+50x30'
                      - series: 'foresight_payload_log_events_total{namespace="ml", pod="%1$s", outcome="sent"}'
                        values: '0+100x35'
                    alert_rule_test:
                      - eval_time: 15m
                        alertname: ForesightModelDrift
                        exp_alerts: []
                      - eval_time: 25m
                        alertname: ForesightModelDrift
                        exp_alerts:
                          - exp_labels: {severity: warning, namespace: ml, model: recommendation, version: "1"}
                            exp_annotations: {summary: '%3$s', description: '%4$s'}
                      - eval_time: 25m
                        alertname: ForesightMonitoringDrops
                        exp_alerts:
                          - exp_labels: {severity: warning, namespace: ml, model: anomaly}
                            exp_annotations: {summary: 'Monitoring of model anomaly is dropping requests', description: '%5$s'}
                      - eval_time: 25m
                        alertname: ForesightPayloadLogLosing
                        exp_alerts: []
                """.formatted(pod, otherRelease, fill(annotations.get("summary")), fill(annotations.get("description")),
                Yamls.at(rules().get(1), "annotations", "description"));
        Files.writeString(dir.resolve("test.yaml"), test);
        String output = promtool(dir, "test", "rules", "test.yaml");
        assertTrue(output.contains("SUCCESS"), output);
    }

    /** An annotation as Prometheus fills it for model recommendation, version 1. */
    private static String fill(Object template) {
        return ((String) template).replace("{{ $labels.model }}", "recommendation").replace("{{ $labels.version }}", "1")
                .replace("'", "''");
    }

    private static String promtool(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool hung");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
