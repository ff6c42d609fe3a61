package dev.foresight.autoscaler.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.reflect.TypeToken;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerResource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the namespace's {@code PredictiveAutoscaler}s and calls {@code onChange} when one is added
 * or deleted or its spec changes ({@code metadata.generation}; status writes, the controller's own
 * included, do not count), so the controller reacts at once instead of at its next period (which
 * still re-lists everything, so a lost watch costs latency, never correctness).
 *
 * <p>Standard list-then-watch: a list gives the resource version to start from; the watch resumes
 * from the last version seen when the server ends it ({@code timeoutSeconds}); an {@code ERROR}
 * event (e.g. 410 Gone) starts over with a fresh list; a failure too, after {@code retry} doubled
 * per consecutive failure up to 64 times. The watch
 * runs on its own HTTP client without read timeout (the shared client has one), with the shared
 * client's interceptors, TLS and the request's credentials. One daemon thread; {@link #close()}
 * stops it.
 */
public final class PredictiveAutoscalerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictiveAutoscalerWatch.class);

    private final ApiClient client;
    private final CustomObjectsApi api;
    private final OkHttpClient streaming;
    private final String namespace;
    private final Duration retry;
    private final int timeoutSeconds;
    private final Runnable onChange;
    private final Runnable onFailure;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Watch<Object> current;
    private final java.util.Map<String, Long> generations = new java.util.HashMap<>();

    public PredictiveAutoscalerWatch(ApiClient client, String namespace, Duration retry, int timeoutSeconds,
                                     Runnable onChange, Runnable onFailure) {
        this.client = client;
        this.api = new CustomObjectsApi(client);
        this.streaming = client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.MILLISECONDS)
                .callTimeout(0, TimeUnit.MILLISECONDS).build();
        this.namespace = namespace;
        this.retry = retry;
        this.timeoutSeconds = timeoutSeconds;
        this.onChange = onChange;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "foresight-watch");
        this.thread.setDaemon(true);
    }

    public PredictiveAutoscalerWatch start() {
        thread.start();
        return this;
    }

    private void run() {
        String version = null;
        int failures = 0;
        while (running) {
            try {
                if (version == null) {
                    version = listVersion();
                }
                version = watchFrom(version);
                failures = 0;
            } catch (ApiException | IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                version = null;
                onFailure.run();
                if (failures == 0) {
                    LOG.warn("watch of PredictiveAutoscalers failed ({}); the periodic list continues, retrying",
                            e instanceof ApiException a ? "HTTP " + a.getCode() : e.toString());
                }
                // back off up to 64 x retry: an API server that refuses watches is not asked every period
                sleep(retry.multipliedBy(1L << Math.min(failures++, 6)));
            }
        }
    }

    private String listVersion() throws ApiException {
        Object list = api.listNamespacedCustomObject(PredictiveAutoscalerResource.GROUP,
                PredictiveAutoscalerResource.VERSION, namespace, PredictiveAutoscalerResource.PLURAL).execute();
        return json.valueToTree(list).path("metadata").path("resourceVersion").asText("");
    }

    /** Follows one watch until the server ends it; returns the version to resume from, or null to relist. */
    private String watchFrom(String version) throws ApiException, IOException {
        Call call = api.listNamespacedCustomObject(PredictiveAutoscalerResource.GROUP,
                        PredictiveAutoscalerResource.VERSION, namespace, PredictiveAutoscalerResource.PLURAL)
                .watch(true).allowWatchBookmarks(true).resourceVersion(version.isEmpty() ? null : version)
                .timeoutSeconds(timeoutSeconds).buildCall(null);
        try (Watch<Object> watch = Watch.createWatch(client, streaming.newCall(call.request()),
                new TypeToken<Watch.Response<Object>>() { }.getType())) {
            current = watch;
            String last = version;
            for (Watch.Response<Object> event : watch) {
                if ("ERROR".equals(event.type)) {
                    LOG.info("watch ended by the server ({}), listing again",
                            event.status == null ? "no status" : event.status.getCode() + " " + event.status.getReason());
                    return null;
                }
                JsonNode object = json.valueToTree(event.object);
                String seen = object.path("metadata").path("resourceVersion").asText("");
                if (!seen.isEmpty()) {
                    last = seen;
                }
                if (specChanged(event.type, object.path("metadata"))) {
                    LOG.debug("{} {}", event.type, object.path("metadata").path("name").asText());
                    onChange.run();
                }
            }
            return last;
        } finally {
            current = null;
        }
    }

    private boolean specChanged(String type, JsonNode meta) {
        String name = meta.path("name").asText();
        long generation = meta.path("generation").asLong(0);
        return switch (type) {
            case "ADDED", "MODIFIED" -> !Long.valueOf(generation).equals(generations.put(name, generation));
            case "DELETED" -> {
                generations.remove(name);
                yield true;
            }
            default -> false;
        };
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Watch<Object> w = current;
        if (w != null) {
            try {
                w.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a stream that is already gone
            }
        }
        thread.interrupt();
    }
}
