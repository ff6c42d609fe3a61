package dev.foresight.serving.payloadlog;

import dev.foresight.serving.dispatch.PayloadObserver;
import dev.foresight.serving.monitoring.OffPathQueue;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logs a sampled share of answered requests to an HTTP sink as CloudEvents ({@link CloudEvents}).
 * The request path only samples and offers to a bounded queue; one thread batches, encodes and
 * POSTs. Events that find the queue full are dropped; events the sink refuses, answers with a
 * non-2xx status or does not answer within the timeout are lost: both are counted, never retried,
 * so a down or slow sink can never hold requests back or grow memory.
 */
public final class PayloadLogger implements PayloadObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadLogger.class);

    private final PayloadLogSettings settings;
    private final HttpClient client;
    private final OffPathQueue<Exchange> queue;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private long nextId;

    public PayloadLogger(PayloadLogSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.queue = new OffPathQueue<>("payload-log", settings.queueCapacity(), settings.batchSize(),
                settings.flushInterval(), this::send);
    }

    @Override
    public void answered(String model, long version, InferRequest request, List<Tensor> outputs) {
        if (settings.sampleRate() < 1 && ThreadLocalRandom.current().nextDouble() >= settings.sampleRate()) {
            return;
        }
        queue.offer(new Exchange(model, version, request, outputs, System.currentTimeMillis()));
    }

    private void send(List<Exchange> batch) {
        if (settings.batchSize() == 1) {
            for (Exchange exchange : batch) {
                HttpRequest.Builder post = post(CloudEvents.data(exchange), "application/json");
                CloudEvents.headers(exchange, idPrefix + nextId++, settings.source()).forEach(post::header);
                deliver(post.build(), 1);
            }
            return;
        }
        byte[] body = CloudEvents.batch(batch, idPrefix, nextId, settings.source());
        nextId += batch.size();
        deliver(post(body, CloudEvents.BATCH_CONTENT_TYPE).build(), batch.size());
    }

    private HttpRequest.Builder post(byte[] body, String contentType) {
        return HttpRequest.newBuilder(settings.sink()).timeout(settings.timeout())
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private void deliver(HttpRequest request, int events) {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                sent.add(events);
                return;
            }
            LOG.debug("Payload log sink {} answered {}", settings.sink(), response.statusCode());
        } catch (IOException e) {
            LOG.debug("Payload log sink {} failed: {}", settings.sink(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failed.add(events);
    }

    /** Events the sink accepted. */
    public long sent() {
        return sent.sum();
    }

    /** Events lost to the sink: refused, an error status, or no answer in time. */
    public long failed() {
        return failed.sum();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return queue.dropped();
    }

    /** Event counts by outcome: sent, failed, dropped. */
    public Map<String, Long> counts() {
        return Map.of("sent", sent(), "failed", failed(), "dropped", dropped());
    }

    @Override
    public void close() {
        queue.close();
    }
}
