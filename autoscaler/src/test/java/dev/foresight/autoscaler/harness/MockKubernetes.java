package dev.foresight.autoscaler.harness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode with {@link ScaleDispatcher}
 * (which answers {@code /scale} itself: the mock does not implement it), the project's real CRD
 * installed, a fabric8 client for the test's own setup and checks, and an official-client
 * {@link ApiClient} for the code under test.
 */
public final class MockKubernetes implements AutoCloseable {
    public static final String NAMESPACE = "ml";
    private static final ResourceDefinitionContext PAS = new ResourceDefinitionContext.Builder()
            .withGroup("foresight.dev").withVersion("v1alpha1").withPlural("predictiveautoscalers")
            .withKind("PredictiveAutoscaler").withNamespaced(true).build();

    /** Keeps the mock's per-request INFO lines out of the test output (JUL holds loggers weakly). */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        QUIET.setLevel(java.util.logging.Level.WARNING);
    }

    private final ScaleDispatcher dispatcher = new ScaleDispatcher();
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient fabric8;

    public MockKubernetes() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        fabric8 = server.createClient().inNamespace(NAMESPACE);
        fabric8.apiextensions().v1().customResourceDefinitions().resource(loadCrd()).create();
    }

    private static CustomResourceDefinition loadCrd() {
        Path crd = Path.of("../charts/foresight/crds/foresight.dev_predictiveautoscalers.yaml");
        try (InputStream in = Files.newInputStream(crd)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ScaleDispatcher dispatcher() {
        return dispatcher;
    }

    public NamespacedKubernetesClient fabric8() {
        return fabric8;
    }

    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** An official-client ApiClient pointed at this server (as micronaut-kubernetes-client builds it). */
    public ApiClient apiClient() {
        return new ClientBuilder().setBasePath(url()).setVerifyingSsl(false).build();
    }

    public Deployment deployment(String name, int replicas) {
        return fabric8.apps().deployments().resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    public int replicas(String deployment) {
        return fabric8.apps().deployments().withName(deployment).get().getSpec().getReplicas();
    }

    /** Creates a PredictiveAutoscaler from a spec given as a map (so malformed specs can be written too). */
    public void predictiveAutoscaler(String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("foresight.dev/v1alpha1");
        resource.setKind("PredictiveAutoscaler");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace(NAMESPACE).build());
        resource.setAdditionalProperty("spec", spec);
        fabric8.genericKubernetesResources(PAS).resource(resource).create();
    }

    public void deletePredictiveAutoscaler(String name) {
        fabric8.genericKubernetesResources(PAS).withName(name).delete();
    }

    /** The stored status of a PredictiveAutoscaler, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> status(String name) {
        GenericKubernetesResource r = fabric8.genericKubernetesResources(PAS).withName(name).get();
        Object status = r == null ? null : r.getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    /** The condition of the given type in the stored status, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> condition(String name, String type) {
        Object list = status(name).get("conditions");
        if (!(list instanceof List<?> conditions)) {
            return Map.of();
        }
        return conditions.stream().map(c -> (Map<String, Object>) c)
                .filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
    }

    /** "reason: message" of every Event in the namespace about the named object. */
    public List<String> events(String involvedName) {
        return fabric8.v1().events().list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        fabric8.close();
        server.destroy();
    }
}
