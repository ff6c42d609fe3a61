package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.container;
import static dev.foresight.charts.RenderedChart.env;
import static dev.foresight.charts.RenderedChart.podSpec;
import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The autoscaler's own Deployment: off by default, two replicas with leader election when on. */
class AutoscalerDeploymentTest {
    private static final String AUTOSCALER = RenderedChart.RELEASE + "-foresight-autoscaler";
    private static final RenderedChart ENABLED = RenderedChart.with(values("autoscaler.enabled", true));

    private static Map<String, Object> autoscaler() {
        return container(ENABLED.named("Deployment", AUTOSCALER), "autoscaler");
    }

    @Test
    void defaultInstallHasNoAutoscalerObjects() {
        RenderedChart defaults = RenderedChart.withDefaults();

        assertEquals(List.of(), defaults.objects().stream()
                .filter(o -> "autoscaler".equals(Yamls.mapAt(o, "metadata", "labels").get("app.kubernetes.io/component"))
                        || List.of("Role", "RoleBinding", "ServiceAccount", "PredictiveAutoscaler").contains(o.get("kind")))
                .map(o -> o.get("kind") + "/" + Yamls.at(o, "metadata", "name"))
                .toList());
    }

    @Test
    void runsTwoReplicasThatElectALeaderThroughALease() {
        Map<String, Object> deployment = ENABLED.named("Deployment", AUTOSCALER);

        assertEquals(2, Yamls.at(deployment, "spec", "replicas"));
        assertEquals(AUTOSCALER, env(autoscaler(), "FORESIGHT_LEADER_ELECTION_LEASE"));
        assertEquals("metadata.namespace", fieldRef("POD_NAMESPACE"));
        assertEquals("metadata.name", fieldRef("POD_NAME"));
    }

    @Test
    void prometheusAddressComesFromValues() {
        RenderedChart chart = RenderedChart.with(values("autoscaler.enabled", true,
                "autoscaler.prometheus.url", "http://kps-prometheus.monitoring.svc:9090"));

        assertEquals("http://prometheus-server.monitoring.svc", env(autoscaler(), "FORESIGHT_PROMETHEUS_URL"));
        assertEquals("http://kps-prometheus.monitoring.svc:9090",
                env(container(chart.named("Deployment", AUTOSCALER), "autoscaler"), "FORESIGHT_PROMETHEUS_URL"));
    }

    @Test
    void syncPeriodComesFromValues() {
        assertEquals("15s", env(autoscaler(), "FORESIGHT_SYNC_PERIOD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"startupProbe", "livenessProbe", "readinessProbe"})
    void probesCallTheHealthEndpoint(String probe) {
        assertEquals("/health", Yamls.at(autoscaler(), probe, "httpGet", "path"));
        assertEquals("http", Yamls.at(autoscaler(), probe, "httpGet", "port"));
    }

    @Test
    void runsAsItsOwnServiceAccount() {
        Map<String, Object> account = ENABLED.one("ServiceAccount");

        assertEquals(Yamls.at(account, "metadata", "name"),
                podSpec(ENABLED.named("Deployment", AUTOSCALER)).get("serviceAccountName"));
    }

    @Test
    void replicasPreferDifferentNodes() {
        Map<String, Object> term = Yamls.mapAt(podSpec(ENABLED.named("Deployment", AUTOSCALER)),
                "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution", 0, "podAffinityTerm");

        assertEquals("kubernetes.io/hostname", term.get("topologyKey"));
        assertEquals(Yamls.at(ENABLED.named("Deployment", AUTOSCALER), "spec", "selector", "matchLabels"),
                Yamls.at(term, "labelSelector", "matchLabels"));
    }

    @Test
    void metricsAreScrapedLikeTheServers() {
        Map<String, Object> annotations = Yamls.mapAt(ENABLED.named("Deployment", AUTOSCALER),
                "spec", "template", "metadata", "annotations");

        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
        assertTrue(ENABLED.named("Service", AUTOSCALER) != null);
    }

    private static String fieldRef(String variable) {
        return (String) Yamls.at(Yamls.byName(Yamls.listAt(autoscaler(), "env"), variable),
                "valueFrom", "fieldRef", "fieldPath");
    }
}
