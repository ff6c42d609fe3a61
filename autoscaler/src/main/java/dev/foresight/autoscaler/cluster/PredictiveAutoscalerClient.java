package dev.foresight.autoscaler.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerResource;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.PatchUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists the {@code PredictiveAutoscaler}s of one namespace and writes their status through the
 * status subresource (a JSON merge patch of {@code status}; the controller owns every field there,
 * so no read-modify-write is needed). Uses the verbs the chart's Role grants: list, and
 * get/update/patch on {@code predictiveautoscalers/status}. Thread-safe.
 */
public final class PredictiveAutoscalerClient {
    private final ApiClient client;
    private final CustomObjectsApi api;
    private final String namespace;
    private final ObjectMapper json = new ObjectMapper();

    public PredictiveAutoscalerClient(ApiClient client, String namespace) {
        this.client = client;
        this.api = new CustomObjectsApi(client);
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** Every PredictiveAutoscaler in the namespace, specs unparsed. */
    public List<PredictiveAutoscalerItem> list() throws ApiException {
        Object body = api.listNamespacedCustomObject(PredictiveAutoscalerResource.GROUP,
                PredictiveAutoscalerResource.VERSION, namespace, PredictiveAutoscalerResource.PLURAL).execute();
        JsonNode items = json.valueToTree(body).path("items");
        List<PredictiveAutoscalerItem> out = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode meta = item.path("metadata");
            out.add(new PredictiveAutoscalerItem(meta.path("name").asText(), meta.path("uid").asText(""),
                    meta.path("generation").asLong(0), item.get("spec")));
        }
        return out;
    }

    /** Replaces the status of the named resource. */
    public void writeStatus(String name, PredictiveAutoscalerStatus status) throws ApiException {
        Map<String, Object> patch = Map.of("status", StatusDocument.of(status));
        PatchUtils.patch(Object.class,
                () -> api.patchNamespacedCustomObjectStatus(PredictiveAutoscalerResource.GROUP,
                        PredictiveAutoscalerResource.VERSION, namespace, PredictiveAutoscalerResource.PLURAL,
                        name, patch).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    }
}
