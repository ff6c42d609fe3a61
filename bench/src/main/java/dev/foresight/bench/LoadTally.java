package dev.foresight.bench;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one {@link FixedRateLoad} run; touched by the run's sending thread only. */
final class LoadTally {
    private final Histogram histogram = new Histogram(60_000_000L, 3);
    /** Each distinct request's bytes on the wire, built on its first send. */
    private final Map<FixedRateLoad.Request, ByteBuffer> wires = new java.util.IdentityHashMap<>();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long ok;
    private long client;
    private long server;
    /** Connection errors; LoadConnection counts them. */
    long io;
    private long unexpected;

    ByteBuffer wire(FixedRateLoad.Request request, String host) {
        return wires.computeIfAbsent(request, r -> {
            byte[] head = ("POST " + r.path() + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + r.body().length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocateDirect(head.length + r.body().length).put(head).put(r.body()).flip()
                    .asReadOnlyBuffer();
        });
    }

    void answered(FixedRateLoad.Request request, long scheduled, int status) {
        histogram.recordValue(Math.min(Math.max(1, (System.nanoTime() - scheduled) / 1000), 60_000_000L));
        statuses.merge(status, 1L, Long::sum);
        boolean overloaded = status == 429 || status == 503;
        if (request.good() ? status != 200 && !overloaded : status < 400 || status >= 500) {
            unexpected++;
        }
        if (status < 400) {
            ok++;
        } else if (status < 500) {
            client++;
        } else {
            server++;
        }
    }

    FixedRateLoad.Interval interval() {
        return new FixedRateLoad.Interval(histogram, ok, client, server, io, new TreeMap<>(statuses), unexpected);
    }
}
