package dev.foresight.autoscaler.target;

import dev.foresight.autoscaler.resource.ScaleTargetRef;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@code v1} Events whose {@code involvedObject} is the target, from component
 * {@code foresight-autoscaler}. Failures are logged and passed to {@code onFailure}, never thrown.
 */
public final class KubernetesEventRecorder implements EventRecorder {
    /** The {@code source.component} and {@code reportingComponent} of every Event. */
    public static final String COMPONENT = "foresight-autoscaler";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);

    private final CoreV1Api api;
    private final String namespace;
    private final String instance;
    private final Runnable onFailure;

    public KubernetesEventRecorder(ApiClient client, String namespace, String instance, Runnable onFailure) {
        this.api = new CoreV1Api(client);
        this.namespace = namespace;
        this.instance = instance;
        this.onFailure = onFailure;
    }

    @Override
    public void record(ScaleTargetRef target, Type type, String reason, String message) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CoreV1Event event = new CoreV1Event()
                .apiVersion("v1")
                .kind("Event")
                .metadata(new V1ObjectMeta()
                        .name(target.name().toLowerCase(Locale.ROOT) + "." + UUID.randomUUID().toString().substring(0, 13))
                        .namespace(namespace))
                .involvedObject(new V1ObjectReference().apiVersion(target.apiVersion()).kind(target.kind())
                        .name(target.name()).namespace(namespace))
                .type(type.name())
                .reason(reason)
                .message(message)
                .firstTimestamp(now)
                .lastTimestamp(now)
                .count(1)
                .source(new V1EventSource().component(COMPONENT))
                .reportingComponent(COMPONENT)
                .reportingInstance(instance);
        try {
            api.createNamespacedEvent(namespace, event).execute();
        } catch (ApiException | RuntimeException e) {
            onFailure.run();
            LOG.warn("could not record Event {} on {} {}: {}", reason, target.kind(), target.name(),
                    e instanceof ApiException api ? "HTTP " + api.getCode() : e.toString());
        }
    }
}
