package dev.foresight.autoscaler.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.autoscaler.resource.ScaleTargetRef;
import dev.foresight.autoscaler.target.ScaleTargetException.Kind;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A target's {@code /scale} subresource through the official client's generic API
 * ({@link CustomObjectsApi}), which serves {@code /apis/{group}/{version}/namespaces/{ns}/{plural}/{name}/scale}
 * for {@code apps/v1} Deployments and StatefulSets as well as for custom resources. Reads are
 * {@code GET}, writes a JSON merge patch of {@code spec.replicas} carrying
 * {@code metadata.resourceVersion}, so the API server refuses (409) a write decided on stale state;
 * only {@code get} and {@code patch} on the {@code .../scale} resources are needed (the chart's Role).
 *
 * <p>Transport errors and 5xx are retried {@code retries} times after {@code backoff}; a 409 is
 * retried on freshly read state. Thread-safe.
 */
public final class KubernetesScaleTarget implements ScaleTarget {
    private static final Map<String, String> KNOWN_PLURALS = Map.of(
            "Deployment", "deployments", "StatefulSet", "statefulsets", "ReplicaSet", "replicasets");

    private final ApiClient client;
    private final CustomObjectsApi api;
    private final String namespace;
    private final int retries;
    private final Duration backoff;
    private final ObjectMapper json = new ObjectMapper();

    public KubernetesScaleTarget(ApiClient client, String namespace, int retries, Duration backoff) {
        this.client = client;
        this.api = new CustomObjectsApi(client);
        this.namespace = namespace;
        this.retries = retries;
        this.backoff = backoff;
    }

    /** Plural resource name of a kind: the apps kinds by name, others by English rules. */
    static String plural(String kind) {
        String known = KNOWN_PLURALS.get(kind);
        if (known != null) {
            return known;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }

    @Override
    public Scale read(ScaleTargetRef ref) throws ScaleTargetException {
        requireGroup(ref);
        ScaleTargetException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            try {
                Object body = api.getNamespacedCustomObjectScale(ref.group(), version(ref), namespace,
                        plural(ref.kind()), ref.name()).execute();
                return toScale(ref, body);
            } catch (ApiException e) {
                last = translate(ref, e);
                if (last.kind() != Kind.API_ERROR) {
                    throw last;
                }
            }
        }
        throw last;
    }

    @Override
    public Scale write(ScaleTargetRef ref, Scale decidedOn, int replicas) throws ScaleTargetException {
        requireGroup(ref);
        Scale basis = decidedOn;
        ScaleTargetException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (basis.specReplicas() == replicas && attempt > 0) {
                return basis;
            }
            if (attempt > 0) {
                pause(attempt);
            }
            Map<String, Object> patch = Map.of(
                    "metadata", Map.of("resourceVersion", basis.resourceVersion()),
                    "spec", Map.of("replicas", replicas));
            try {
                Object body = PatchUtils.patch(Object.class,
                        () -> api.patchNamespacedCustomObjectScale(ref.group(), version(ref), namespace,
                                plural(ref.kind()), ref.name(), patch).buildCall(null),
                        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
                return toScale(ref, body);
            } catch (ApiException e) {
                last = translate(ref, e);
                if (last.kind() == Kind.CONFLICT || last.kind() == Kind.API_ERROR) {
                    // the write may or may not have happened: decide again on what is there now
                    basis = read(ref);
                    continue;
                }
                throw last;
            }
        }
        throw last;
    }

    private Scale toScale(ScaleTargetRef ref, Object body) throws ScaleTargetException {
        JsonNode node = json.valueToTree(body);
        JsonNode spec = node.path("spec").path("replicas");
        if (!node.path("kind").asText().equals("Scale") || !spec.isNumber()) {
            throw new ScaleTargetException(Kind.NOT_SCALABLE, describe(ref)
                    + ": /scale did not answer with a Scale (kind '" + node.path("kind").asText() + "')");
        }
        JsonNode status = node.path("status").path("replicas");
        return new Scale(spec.asInt(), status.isNumber() ? status.asInt() : spec.asInt(),
                node.path("metadata").path("resourceVersion").asText(""));
    }

    private static void requireGroup(ScaleTargetRef ref) throws ScaleTargetException {
        if (ref.group().isEmpty()) {
            throw new ScaleTargetException(Kind.NOT_SCALABLE, describe(ref)
                    + ": core-group kinds have no scale subresource this autoscaler supports");
        }
    }

    private static String version(ScaleTargetRef ref) {
        return ref.apiVersion().substring(ref.apiVersion().indexOf('/') + 1);
    }

    private static ScaleTargetException translate(ScaleTargetRef ref, ApiException e) {
        int code = e.getCode();
        String what = describe(ref);
        if (code == 404) {
            return new ScaleTargetException(Kind.NOT_FOUND, what + " not found, or it has no scale subresource", e);
        }
        if (code == 401 || code == 403) {
            return new ScaleTargetException(Kind.FORBIDDEN, what + ": the API refused access (HTTP " + code + ")", e);
        }
        if (code == 409) {
            return new ScaleTargetException(Kind.CONFLICT, what + " changed while being scaled (HTTP 409)", e);
        }
        String detail = code == 0 ? String.valueOf(e.getCause()) : "HTTP " + code;
        return new ScaleTargetException(Kind.API_ERROR, what + ": Kubernetes API call failed: " + detail, e);
    }

    private static String describe(ScaleTargetRef ref) {
        return ref.kind() + " " + ref.name() + " (" + ref.apiVersion() + ")";
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
