package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.container;
import static dev.foresight.charts.RenderedChart.env;
import static dev.foresight.charts.RenderedChart.podSpec;
import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model server's Deployment, Service, PDB and scrape settings as rendered. */
class ServingDeploymentTest {
    private static final String SERVING = RenderedChart.RELEASE + "-foresight-serving";
    private static final RenderedChart DEFAULTS = RenderedChart.withDefaults();

    private static Map<String, Object> deployment(RenderedChart chart) {
        return chart.named("Deployment", SERVING);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "startupProbe, /v2/health/live",
        "livenessProbe, /v2/health/live",
        "readinessProbe, /v2/health/ready"})
    void probesCallTheServersHealthEndpointsOnItsHttpPort(String probe, String path) {
        Map<String, Object> serving = container(deployment(DEFAULTS), "serving");

        assertEquals(path, Yamls.at(serving, probe, "httpGet", "path"));
        assertEquals("http", Yamls.at(serving, probe, "httpGet", "port"));
        assertEquals(8080, Yamls.at(Yamls.byName(Yamls.listAt(serving, "ports"), "http"), "containerPort"));
        assertEquals("8080", env(serving, "MICRONAUT_SERVER_PORT"));
    }

    @Test
    void startupProbeGivesTheJvmTimeBeforeLivenessCounts() {
        Map<String, Object> startup = Yamls.mapAt(container(deployment(DEFAULTS), "serving"), "startupProbe");

        int seconds = (Integer) startup.get("periodSeconds") * (Integer) startup.get("failureThreshold");
        assertTrue(seconds >= 60, "startup window " + seconds + " s");
    }

    @Test
    void serverHasCpuAndMemoryRequestsAndAMemoryLimit() {
        Map<String, Object> resources = Yamls.mapAt(container(deployment(DEFAULTS), "serving"), "resources");

        assertAll(
                () -> Yamls.at(resources, "requests", "cpu"),
                () -> Yamls.at(resources, "requests", "memory"),
                () -> Yamls.at(resources, "limits", "memory"));
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsReadOnly() {
        Map<String, Object> pod = podSpec(deployment(DEFAULTS));
        Map<String, Object> mount = Yamls.byName(Yamls.listAt(container(deployment(DEFAULTS), "serving"), "volumeMounts"), "tmp");

        assertEquals("/tmp", mount.get("mountPath"));
        assertFalse(Boolean.TRUE.equals(mount.get("readOnly")));
        assertTrue(Yamls.byName(Yamls.listAt(pod, "volumes"), "tmp").containsKey("emptyDir"));
    }

    /** The load journal must outlive a container restart, or a crash during a load loops. */
    @Test
    void stateFolderIsOnAnEmptyDirThatOutlivesContainerRestarts() {
        Map<String, Object> serving = container(deployment(DEFAULTS), "serving");
        String state = env(serving, "FORESIGHT_STATE_DIR");
        Map<String, Object> mount = Yamls.listAt(serving, "volumeMounts").stream().map(Yamls::map)
                .filter(m -> state.startsWith(m.get("mountPath") + "/")).findFirst().orElseThrow();

        assertFalse(Boolean.TRUE.equals(mount.get("readOnly")));
        assertTrue(Yamls.byName(Yamls.listAt(podSpec(deployment(DEFAULTS)), "volumes"), (String) mount.get("name"))
                .containsKey("emptyDir"), state + " is not on an emptyDir");
    }

    @Test
    void defaultModelsAreTheOnesBakedIntoTheImage() {
        Map<String, Object> pod = podSpec(deployment(DEFAULTS));

        assertEquals("/app/models", env(container(deployment(DEFAULTS), "serving"), "FORESIGHT_MODELS_DIR"));
        assertEquals(List.of("tmp"), Yamls.listAt(pod, "volumes").stream().map(v -> Yamls.map(v).get("name")).toList());
        assertFalse(pod.containsKey("initContainers"));
    }

    @Test
    void pvcSourceMountsTheClaimReadOnlyAtTheModelsDirectory() {
        RenderedChart chart = RenderedChart.with(values("models.source", "pvc"));
        Map<String, Object> serving = container(deployment(chart), "serving");
        Map<String, Object> volume = Yamls.byName(Yamls.listAt(podSpec(deployment(chart)), "volumes"), "models");
        Map<String, Object> claim = chart.one("PersistentVolumeClaim");

        assertEquals("/models", env(serving, "FORESIGHT_MODELS_DIR"));
        assertEquals(Yamls.at(claim, "metadata", "name"), Yamls.at(volume, "persistentVolumeClaim", "claimName"));
        assertEquals("keep", Yamls.at(claim, "metadata", "annotations", "helm.sh/resource-policy"));
        Map<String, Object> mount = Yamls.byName(Yamls.listAt(serving, "volumeMounts"), "models");
        assertEquals("/models", mount.get("mountPath"));
        assertEquals(true, mount.get("readOnly"));
    }

    @Test
    void pvcSourceWithAnExistingClaimCreatesNoClaim() {
        RenderedChart chart = RenderedChart.with(values("models.source", "pvc", "models.pvc.existingClaim", "shared-models"));

        assertEquals(List.of(), chart.all("PersistentVolumeClaim"));
        assertEquals("shared-models", Yamls.at(Yamls.byName(Yamls.listAt(podSpec(deployment(chart)), "volumes"), "models"),
                "persistentVolumeClaim", "claimName"));
    }

    @Test
    void initImageSourceCopiesTheModelsImageIntoAnEmptyDirBeforeTheServerStarts() {
        RenderedChart chart = RenderedChart.with(values(
                "models.source", "initImage", "models.initImage.repository", "registry.example/shop-models",
                "models.initImage.tag", "2026-03-01"));
        Map<String, Object> pod = podSpec(deployment(chart));
        Map<String, Object> copy = Yamls.byName(Yamls.listAt(pod, "initContainers"), "copy-models");

        assertEquals("registry.example/shop-models:2026-03-01", copy.get("image"));
        assertEquals("/models", env(copy, "TARGET"));
        assertEquals("/models", Yamls.byName(Yamls.listAt(copy, "volumeMounts"), "models").get("mountPath"));
        assertTrue(Yamls.byName(Yamls.listAt(pod, "volumes"), "models").containsKey("emptyDir"));
        assertEquals("/models", env(container(deployment(chart), "serving"), "FORESIGHT_MODELS_DIR"));
    }

    @Test
    void configMapSourceLaysKeysOutAsTheRepository() {
        RenderedChart chart = RenderedChart.with(values(
                "models.source", "configMap", "models.configMap.name", "tiny-models",
                "models.configMap.items[0].key", "anomaly-1",
                "models.configMap.items[0].path", "anomaly/1/model.onnx"));
        Map<String, Object> volume = Yamls.byName(Yamls.listAt(podSpec(deployment(chart)), "volumes"), "models");

        assertEquals("tiny-models", Yamls.at(volume, "configMap", "name"));
        assertEquals(List.of(Map.of("key", "anomaly-1", "path", "anomaly/1/model.onnx")),
                Yamls.at(volume, "configMap", "items"));
    }

    @Test
    void serviceSendsToTheServersHttpPort() {
        Map<String, Object> service = DEFAULTS.named("Service", SERVING);
        Map<String, Object> podLabels = Yamls.mapAt(deployment(DEFAULTS), "spec", "template", "metadata", "labels");

        assertEquals("http", Yamls.at(service, "spec", "ports", 0, "targetPort"));
        assertTrue(podLabels.entrySet().containsAll(Yamls.mapAt(service, "spec", "selector").entrySet()));
    }

    @Test
    void disruptionBudgetCoversTheServerPods() {
        Map<String, Object> pdb = DEFAULTS.named("PodDisruptionBudget", SERVING);

        assertEquals(Yamls.at(deployment(DEFAULTS), "spec", "selector", "matchLabels"),
                Yamls.at(pdb, "spec", "selector", "matchLabels"));
        assertEquals(1, Yamls.at(pdb, "spec", "maxUnavailable"));
    }

    @Test
    void rolloutsNeverLowerCapacity() {
        assertEquals(0, Yamls.at(deployment(DEFAULTS), "spec", "strategy", "rollingUpdate", "maxUnavailable"));
    }

    @Test
    void podsAreAnnotatedForScrapingOnTheMetricsPath() {
        Map<String, Object> annotations = Yamls.mapAt(deployment(DEFAULTS), "spec", "template", "metadata", "annotations");

        assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080", "prometheus.io/path", "/metrics"),
                annotations);
    }

    @Test
    void serviceMonitorIsOffByDefaultAndScrapesTheHttpPortWhenOn() {
        RenderedChart chart = RenderedChart.with(values("metrics.serviceMonitor.enabled", true,
                "metrics.serviceMonitor.labels.release", "kube-prometheus-stack"));
        Map<String, Object> monitor = chart.one("ServiceMonitor");
        Map<String, Object> serviceLabels = Yamls.mapAt(chart.named("Service", SERVING), "metadata", "labels");

        assertEquals(List.of(), DEFAULTS.all("ServiceMonitor"));
        assertEquals("kube-prometheus-stack", Yamls.at(monitor, "metadata", "labels", "release"));
        assertTrue(serviceLabels.entrySet().containsAll(Yamls.mapAt(monitor, "spec", "selector", "matchLabels").entrySet()));
        assertEquals("http", Yamls.at(monitor, "spec", "endpoints", 0, "port"));
        assertEquals("/metrics", Yamls.at(monitor, "spec", "endpoints", 0, "path"));
    }

    @Test
    void replicaCountIsTheChartsUntilTheAutoscalerOwnsIt() {
        RenderedChart autoscaled = RenderedChart.with(values("autoscaler.enabled", true));

        assertEquals(2, Yamls.at(deployment(DEFAULTS), "spec", "replicas"));
        assertFalse(Yamls.mapAt(deployment(autoscaled), "spec").containsKey("replicas"),
                "a helm upgrade would reset what the autoscaler set");
    }
}
