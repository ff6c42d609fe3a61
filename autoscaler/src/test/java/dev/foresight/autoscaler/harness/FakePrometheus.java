package dev.foresight.autoscaler.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on loopback that answers the Prometheus query API with whatever a test sets:
 * a value, an empty vector, NaN, garbage, an error status, or nothing for a while (slow). Used for
 * the faults a real Prometheus cannot be made to produce on demand.
 */
public final class FakePrometheus implements AutoCloseable {
    /** What the next requests get. */
    public record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(value("1"));
    private final AtomicReference<Answer> rangeAnswer = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rangeRequests = new AtomicInteger();

    public FakePrometheus() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            boolean range = exchange.getRequestURI().getPath().endsWith("/query_range");
            if (range) {
                rangeRequests.incrementAndGet();
            }
            Answer a = range && rangeAnswer.get() != null ? rangeAnswer.get() : answer.get();
            try {
                if (a.delayMillis() > 0) {
                    Thread.sleep(a.delayMillis());
                }
                byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException e) {
                exchange.close();
            }
        });
        server.start();
    }

    /** A one-element vector holding {@code sampleText} (e.g. {@code "12.5"}, {@code "NaN"}, {@code "1e30"}). */
    public static Answer value(String sampleText) {
        return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{},\"value\":[" + System.currentTimeMillis() / 1000.0 + ",\"" + sampleText + "\"]}]}}", 0);
    }

    public static Answer emptyVector() {
        return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", 0);
    }

    public static Answer garbage() {
        return new Answer(200, "<html>502 Bad Gateway</html>", 0);
    }

    public static Answer error(int status) {
        return new Answer(status, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"injected\"}", 0);
    }

    public static Answer slow(long delayMillis) {
        Answer ok = value("1");
        return new Answer(ok.status(), ok.body(), delayMillis);
    }

    public void answer(Answer next) {
        answer.set(next);
    }

    /** What {@code /api/v1/query_range} answers from now on (by default the same as every path). */
    public void answerRange(Answer next) {
        rangeAnswer.set(next);
    }

    /** A matrix of {@code points} values of {@code value}, one per minute up to now. */
    public static Answer matrix(int points, double value) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder values = new StringBuilder();
        for (int i = points - 1; i >= 0; i--) {
            values.append(values.length() == 0 ? "" : ",").append("[").append(now - 60L * i).append(",\"")
                    .append(value).append("\"]");
        }
        return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{},\"values\":[" + values + "]}]}}", 0);
    }

    public int rangeRequests() {
        return rangeRequests.get();
    }

    public int requests() {
        return requests.get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
