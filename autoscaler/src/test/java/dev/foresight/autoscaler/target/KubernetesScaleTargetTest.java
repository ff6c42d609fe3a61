package dev.foresight.autoscaler.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.harness.MockKubernetes;
import dev.foresight.autoscaler.resource.ScaleTargetRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official client against fabric8's mock API in CRUD mode; {@code /scale} is answered by the
 * test's {@link dev.foresight.autoscaler.harness.ScaleDispatcher} because the mock lacks it.
 */
class KubernetesScaleTargetTest {
    private static final ScaleTargetRef WEB = new ScaleTargetRef("apps/v1", "Deployment", "web");

    private MockKubernetes k8s;
    private KubernetesScaleTarget target;

    @BeforeEach
    void start() {
        k8s = new MockKubernetes();
        ApiClient client = k8s.apiClient();
        target = new KubernetesScaleTarget(client, MockKubernetes.NAMESPACE, 3, Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void readsAndPatchesTheScaleOfADeployment() throws Exception {
        k8s.deployment("web", 2);
        Scale scale = target.read(WEB);
        assertEquals(2, scale.specReplicas());
        Scale after = target.write(WEB, scale, 5);
        assertEquals(5, after.specReplicas());
        assertEquals(5, k8s.replicas("web"));
        assertEquals(1, k8s.dispatcher().count("PATCH", "/deployments/web/scale"));
    }

    @Test
    void aConflictIsRetriedOnFreshStateAndNotWrittenTwice() throws Exception {
        k8s.deployment("web", 2);
        Scale decidedOn = target.read(WEB);
        // someone else scales to 5 after our read: our write is stale
        Deployment d = k8s.fabric8().apps().deployments().withName("web").get();
        d.getSpec().setReplicas(5);
        k8s.fabric8().apps().deployments().resource(d).update();

        Scale after = target.write(WEB, decidedOn, 5);

        assertEquals(5, after.specReplicas());
        assertEquals(5, k8s.replicas("web"));
        assertEquals(1, k8s.dispatcher().count("PATCH", "/deployments/web/scale"),
                "the fresh state already has 5 replicas: nothing more is written");
    }

    @Test
    void aConflictWithADifferentCountIsRetriedWithTheFreshVersion() throws Exception {
        k8s.deployment("web", 2);
        Scale decidedOn = target.read(WEB);
        Deployment d = k8s.fabric8().apps().deployments().withName("web").get();
        d.getSpec().setReplicas(3);
        k8s.fabric8().apps().deployments().resource(d).update();

        Scale after = target.write(WEB, decidedOn, 6);

        assertEquals(6, after.specReplicas());
        assertEquals(2, k8s.dispatcher().count("PATCH", "/deployments/web/scale"));
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        k8s.deployment("web", 2);
        Scale decidedOn = target.read(WEB);
        k8s.dispatcher().inject(r -> r.getMethod().equals("PATCH"), 500, "etcd timeout");
        assertEquals(4, target.write(WEB, decidedOn, 4).specReplicas());
        assertEquals(4, k8s.replicas("web"));
    }

    @Test
    void persistentConflictsEndInAConflictError() {
        k8s.deployment("web", 2);
        for (int i = 0; i < 10; i++) {
            k8s.dispatcher().inject(r -> r.getMethod().equals("PATCH"), 409, "conflict");
        }
        ScaleTargetException e = assertThrows(ScaleTargetException.class, () -> target.write(WEB, target.read(WEB), 4));
        assertEquals(ScaleTargetException.Kind.CONFLICT, e.kind());
        assertEquals(2, k8s.replicas("web"));
    }

    @Test
    void aMissingTargetIsNotFound() {
        ScaleTargetException e = assertThrows(ScaleTargetException.class, () -> target.read(WEB));
        assertEquals(ScaleTargetException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void aCoreKindIsNotScalable() {
        ScaleTargetException e = assertThrows(ScaleTargetException.class,
                () -> target.read(new ScaleTargetRef("v1", "ConfigMap", "settings")));
        assertEquals(ScaleTargetException.Kind.NOT_SCALABLE, e.kind());
    }

    @Test
    void scalesAStatefulSet() throws Exception {
        k8s.fabric8().apps().statefulSets().resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("db").endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
        ScaleTargetRef db = new ScaleTargetRef("apps/v1", "StatefulSet", "db");
        target.write(db, target.read(db), 3);
        assertEquals(3, k8s.fabric8().apps().statefulSets().withName("db").get().getSpec().getReplicas());
    }

    @Test
    void eventsAreWrittenOnTheTarget() {
        k8s.deployment("web", 2);
        int[] failures = {0};
        new KubernetesEventRecorder(k8s.apiClient(), MockKubernetes.NAMESPACE, "test-pod", () -> failures[0]++)
                .record(WEB, EventRecorder.Type.Normal, "SuccessfulRescale", "New size: 5");
        assertEquals(0, failures[0]);
        assertTrue(k8s.events("web").contains("SuccessfulRescale: New size: 5"), k8s.events("web").toString());
    }

    @Test
    void pluralsFollowKubernetesNaming() {
        assertEquals(Map.of("Deployment", "deployments", "InferenceService", "inferenceservices",
                        "Policy", "policies", "Gateway", "gateways"),
                Map.of("Deployment", KubernetesScaleTarget.plural("Deployment"),
                        "InferenceService", KubernetesScaleTarget.plural("InferenceService"),
                        "Policy", KubernetesScaleTarget.plural("Policy"),
                        "Gateway", KubernetesScaleTarget.plural("Gateway")));
    }
}
