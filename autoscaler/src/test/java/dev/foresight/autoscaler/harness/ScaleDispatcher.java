package dev.foresight.autoscaler.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * fabric8's CRUD dispatcher plus what it lacks (BRIEF section 4): the {@code /scale} subresource,
 * answered here from the stored object's {@code spec.replicas} (any object that has one is
 * scalable, as with a CRD that declares the subresource; others get 404, as from a real API
 * server), resource-version preconditions on PUT and on scale patches (409 when stale, which the
 * mock does not check by itself), and injected faults: queued responses for requests matching a
 * predicate (500s, 409s). Every request is recorded.
 */
public final class ScaleDispatcher extends KubernetesCrudDispatcher {
    /** One injected answer, used once, for the first request it matches, after {@code delayMillis}. */
    public record Fault(Predicate<RecordedRequest> matches, int code, String message, long delayMillis) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Answers the next request that matches with {@code code}, once. */
    public void inject(Predicate<RecordedRequest> matches, int code, String message) {
        faults.add(new Fault(matches, code, message, 0));
    }

    /** Answers the next request that matches only after {@code delayMillis} (a stalled API server). */
    public void stall(Predicate<RecordedRequest> matches, long delayMillis) {
        faults.add(new Fault(matches, 504, "stalled", delayMillis));
    }

    /** "METHOD path" of every request so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).count();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest received) {
        // the body can be read once: keep it and pass on a copy
        String text = received.getBody() == null ? "" : received.getUtf8Body();
        RecordedRequest request = new RecordedRequest(received.getHttpVersion(), received.method(), received.getPath(),
                received.getHeaders(), new Buffer(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        requests.add(request.getMethod() + " " + request.getPath());
        for (Fault f : faults) {
            if (f.matches().test(request) && faults.remove(f)) {
                MockResponse answer = status(f.code(), f.message());
                return f.delayMillis() > 0 ? answer.setBodyDelay(Duration.ofMillis(f.delayMillis())) : answer;
            }
        }
        String path = request.getPath();
        int q = path.indexOf('?');
        String bare = q < 0 ? path : path.substring(0, q);
        if (bare.endsWith("/scale")) {
            return scale(request.method(), text, bare.substring(0, bare.length() - "/scale".length()));
        }
        if (request.method() == HttpMethod.PUT) {
            MockResponse stale = precondition(bare, read(text));
            if (stale != null) {
                return stale;
            }
        }
        return super.dispatch(request);
    }

    private MockResponse scale(HttpMethod method, String body, String objectPath) {
        JsonNode object = stored(objectPath);
        if (object == null || !object.path("spec").path("replicas").isNumber()) {
            return status(404, "the server could not find the requested resource");
        }
        if (method == HttpMethod.GET) {
            return ok(toScale(object));
        }
        if (method != HttpMethod.PATCH && method != HttpMethod.PUT) {
            return status(405, "method not allowed");
        }
        JsonNode patch = read(body);
        MockResponse stale = precondition(objectPath, patch);
        if (stale != null) {
            return stale;
        }
        int replicas = patch.path("spec").path("replicas").asInt();
        ObjectNode updated = object.deepCopy();
        ((ObjectNode) updated.path("spec")).put("replicas", replicas);
        updated.withObject("/status").put("replicas", replicas);
        MockResponse put = super.handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(updated.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        if (code(put) != 200) {
            return put;
        }
        return ok(toScale(stored(objectPath)));
    }

    private MockResponse precondition(String objectPath, JsonNode body) {
        String wanted = body.path("metadata").path("resourceVersion").asText("");
        if (wanted.isEmpty()) {
            return null;
        }
        JsonNode object = stored(objectPath);
        if (object != null && !wanted.equals(object.path("metadata").path("resourceVersion").asText())) {
            return status(409, "Operation cannot be fulfilled: the object has been modified; "
                    + "please apply your changes to the latest version and try again");
        }
        return null;
    }

    private JsonNode stored(String objectPath) {
        MockResponse got = super.handleGet(objectPath);
        if (code(got) != 200) {
            return null;
        }
        return read(got.getBody().readUtf8());
    }

    private ObjectNode toScale(JsonNode object) {
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        JsonNode meta = object.path("metadata");
        scale.putObject("metadata").put("name", meta.path("name").asText())
                .put("namespace", meta.path("namespace").asText())
                .put("resourceVersion", meta.path("resourceVersion").asText());
        int replicas = object.path("spec").path("replicas").asInt();
        scale.putObject("spec").put("replicas", replicas);
        JsonNode status = object.path("status").path("replicas");
        scale.putObject("status").put("replicas", status.isNumber() ? status.asInt() : replicas);
        return scale;
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int code(MockResponse response) {
        String[] parts = response.getStatus().split(" ");
        return Integer.parseInt(parts[1]);
    }

    private static MockResponse ok(JsonNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static MockResponse status(int code, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"message\":\"" + message.replace("\"", "'") + "\"}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
