package dev.foresight.autoscaler.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.autoscaler.signal.LoadUnavailableException.Cause;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads load from the Prometheus HTTP API: {@code /api/v1/query} for the latest value,
 * {@code /api/v1/query_range} for history, in chunks of at most
 * {@link PrometheusSettings#maxPointsPerQuery()} points so neither Prometheus' 11,000-point limit
 * nor this process' memory is exceeded.
 *
 * <p>Each read is tried up to {@link PrometheusSettings#attempts()} times with doubling backoff
 * when the server is unreachable, slow or answers 5xx; a 4xx (a bad query) and an answer that
 * fails validation are not retried (asking again in the same instant would not help; the next sync
 * period asks again). Thread-safe.
 */
public final class PrometheusLoadSource implements LoadSource {
    private final PrometheusSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusLoadSource(PrometheusSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public double latest(String query) throws LoadUnavailableException {
        JsonNode data = call("/api/v1/query?query=" + encode(query));
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        JsonNode pair;
        if (type.equals("scalar")) {
            pair = result;
        } else if (type.equals("vector")) {
            if (!result.isArray() || result.isEmpty()) {
                throw new LoadUnavailableException(Cause.EMPTY, "query returned an empty vector: " + query);
            }
            if (result.size() > 1) {
                throw new LoadUnavailableException(Cause.AMBIGUOUS,
                        "query returned " + result.size() + " series, need one number (wrap it in sum()): " + query);
            }
            pair = result.get(0).path("value");
        } else {
            throw new LoadUnavailableException(Cause.GARBAGE, "unexpected result type '" + type + "' for " + query);
        }
        if (!pair.isArray() || pair.size() != 2) {
            throw new LoadUnavailableException(Cause.GARBAGE, "sample is not [time, value]: " + pair);
        }
        return LoadValidation.parse(pair.get(1).asText(null), settings.absurdAbove());
    }

    @Override
    public int history(String query, Instant from, Instant to, Duration step, Consumer<LoadSample> sink)
            throws LoadUnavailableException {
        long stepSeconds = Math.max(1, step.toSeconds());
        long chunk = stepSeconds * (settings.maxPointsPerQuery() - 1);
        int passed = 0;
        for (long start = from.getEpochSecond(); start <= to.getEpochSecond(); start += chunk + stepSeconds) {
            long end = Math.min(to.getEpochSecond(), start + chunk);
            JsonNode data = call("/api/v1/query_range?query=" + encode(query) + "&start=" + start
                    + "&end=" + end + "&step=" + stepSeconds);
            JsonNode result = data.path("result");
            if (!data.path("resultType").asText().equals("matrix") || !result.isArray()) {
                throw new LoadUnavailableException(Cause.GARBAGE, "query_range did not return a matrix");
            }
            if (result.size() > 1) {
                throw new LoadUnavailableException(Cause.AMBIGUOUS,
                        "query returned " + result.size() + " series, need one number: " + query);
            }
            if (result.isEmpty()) {
                continue;
            }
            for (JsonNode pair : result.get(0).path("values")) {
                try {
                    double value = LoadValidation.parse(pair.path(1).asText(null), settings.absurdAbove());
                    sink.accept(new LoadSample(pair.path(0).asLong(), value));
                    passed++;
                } catch (LoadUnavailableException invalid) {
                    // an implausible point in the past is a gap, not a reason to give up the rest
                }
            }
        }
        return passed;
    }

    private JsonNode call(String pathAndQuery) throws LoadUnavailableException {
        URI uri = URI.create(stripSlash(settings.baseUrl().toString()) + pathAndQuery);
        long backoffMillis = settings.backoff().toMillis();
        LoadUnavailableException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                return once(uri);
            } catch (LoadUnavailableException e) {
                last = e;
                if (!retryable(e)) {
                    throw e;
                }
            }
            if (attempt < settings.attempts()) {
                sleep(backoffMillis);
                backoffMillis *= 2;
            }
        }
        throw last;
    }

    private static boolean retryable(LoadUnavailableException e) {
        return e.cause() == Cause.UNREACHABLE || e.cause() == Cause.TIMEOUT
                || (e.cause() == Cause.ERROR_STATUS && e.getMessage().startsWith("HTTP 5"));
    }

    private JsonNode once(URI uri) throws LoadUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new LoadUnavailableException(Cause.TIMEOUT,
                    "no answer from Prometheus within " + settings.timeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new LoadUnavailableException(Cause.UNREACHABLE, "Prometheus unreachable at " + uri.getAuthority(), e);
        } catch (IOException e) {
            throw new LoadUnavailableException(Cause.UNREACHABLE, "Prometheus call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadUnavailableException(Cause.UNREACHABLE, "interrupted", e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() / 100 != 2) {
            String error = body != null ? body.path("error").asText("") : "";
            throw new LoadUnavailableException(Cause.ERROR_STATUS, "HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : ": " + error));
        }
        if (body == null || !body.isObject()) {
            throw new LoadUnavailableException(Cause.GARBAGE, "Prometheus answered with a body that is not JSON");
        }
        if (!body.path("status").asText().equals("success")) {
            throw new LoadUnavailableException(Cause.ERROR_STATUS, "status " + body.path("status").asText()
                    + ": " + body.path("error").asText(""));
        }
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw new LoadUnavailableException(Cause.GARBAGE, "answer has no data object");
        }
        return data;
    }

    private static void sleep(long millis) throws LoadUnavailableException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadUnavailableException(Cause.UNREACHABLE, "interrupted", e);
        }
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
