package dev.foresight.autoscaler.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.util.ClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch through the official client against a loopback server that streams watch events as
 * the API server does (one JSON object per line on a chunked response). fabric8's mock cannot be
 * used here: it serves watches over WebSocket only, client-java watches over HTTP streaming.
 */
class PredictiveAutoscalerWatchTest {
    private static final String END = "END";
    private static final String PATH = "/apis/foresight.dev/v1alpha1/namespaces/ml/predictiveautoscalers";

    private HttpServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger lists = new AtomicInteger();
    private final List<String> watchVersions = new CopyOnWriteArrayList<>();
    private final AtomicInteger changes = new AtomicInteger();
    private PredictiveAutoscalerWatch watch;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(PATH, exchange -> {
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (!query.contains("watch=true")) {
                lists.incrementAndGet();
                byte[] body = ("{\"apiVersion\":\"foresight.dev/v1alpha1\",\"kind\":\"PredictiveAutoscalerList\","
                        + "\"metadata\":{\"resourceVersion\":\"10\"},\"items\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            String version = "";
            for (String part : query.split("&")) {
                if (part.startsWith("resourceVersion=")) {
                    version = part.substring("resourceVersion=".length());
                }
            }
            watchVersions.add(version);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    String line = events.poll(10, TimeUnit.SECONDS);
                    if (line == null || line.equals(END)) {
                        return;
                    }
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException | IOException e) {
                exchange.close();
            }
        });
        server.start();
        var client = new ClientBuilder().setBasePath("http://127.0.0.1:" + server.getAddress().getPort()).build();
        watch = new PredictiveAutoscalerWatch(client, "ml", Duration.ofMillis(100), 60,
                changes::incrementAndGet, () -> { }).start();
    }

    @AfterEach
    void stop() {
        watch.close();
        events.add(END);
        server.stop(0);
    }

    private static String event(String type, String name, long generation, String version) {
        return "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"foresight.dev/v1alpha1\","
                + "\"kind\":\"PredictiveAutoscaler\",\"metadata\":{\"name\":\"" + name + "\",\"generation\":"
                + generation + ",\"resourceVersion\":\"" + version + "\"}}}";
    }

    @Test
    void reactsToAddedChangedAndDeletedSpecsButNotToStatusWrites() throws Exception {
        events.add(event("ADDED", "a", 1, "11"));
        eventually(changes::get, 1);
        events.add(event("MODIFIED", "a", 1, "12")); // a status write: same generation
        events.add(event("BOOKMARK", "", 0, "13"));
        events.add(event("MODIFIED", "a", 2, "14")); // a spec change
        eventually(changes::get, 2);
        events.add(event("DELETED", "a", 2, "15"));
        eventually(changes::get, 3);
        assertEquals("10", watchVersions.get(0), "the watch starts from the list's version");
        assertEquals(1, lists.get());
    }

    @Test
    void resumesFromTheLastVersionSeenWhenTheServerEndsTheWatch() throws Exception {
        events.add(event("ADDED", "a", 1, "11"));
        events.add(END);
        eventually(watchVersions::size, 2);
        assertEquals("11", watchVersions.get(1));
        assertEquals(1, lists.get(), "no new list needed");
    }

    @Test
    void listsAgainAfterAnErrorEvent() throws Exception {
        events.add("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"code\":410,\"reason\":\"Expired\",\"message\":\"too old resource version\"}}");
        eventually(lists::get, 2);
        eventually(watchVersions::size, 2);
        assertEquals("10", watchVersions.get(1));
    }

    private static void eventually(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + ", got " + value.getAsInt());
            }
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(expected, value.getAsInt());
    }
}
