package dev.foresight.serving.payloadlog;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how payloads are logged.
 *
 * @param sink          the URL events are POSTed to
 * @param sampleRate    share of answered requests logged, in (0, 1]
 * @param batchSize     events per POST: 1 sends each event in CloudEvents' binary mode ({@code ce-*}
 *                      headers, the JSON data as the body); more sends batches in its batched mode
 *                      ({@code application/cloudevents-batch+json}, a JSON array of events)
 * @param flushInterval longest an event waits for its batch to fill
 * @param queueCapacity events waiting to be sent; more are dropped and counted
 * @param timeout       for connecting and for each POST
 * @param source        the events' {@code source} attribute
 */
public record PayloadLogSettings(URI sink, double sampleRate, int batchSize, Duration flushInterval,
                                 int queueCapacity, Duration timeout, String source) {
    public PayloadLogSettings {
        if (sink == null || !("http".equals(sink.getScheme()) || "https".equals(sink.getScheme()))) {
            throw new IllegalArgumentException("the payload log sink must be an http(s) URL, got " + sink);
        }
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("payload log sample rate must be in (0, 1], got " + sampleRate);
        }
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("payload log batch size and queue capacity must be at least 1");
        }
        if (flushInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("payload log flush interval must not be negative, timeout positive");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("payload log source must not be blank");
        }
    }
}
