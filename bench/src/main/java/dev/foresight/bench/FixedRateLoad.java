package dev.foresight.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: requests are scheduled at a fixed rate and latency is measured from
 * the scheduled time, so a slow server cannot hide its queueing (no coordinated omission). A
 * request waits in the client when every connection is busy, and that wait counts.
 *
 * <p>One thread drives all keep-alive HTTP/1.1 connections through one selector (epoll), so the
 * client leaves the cores to the server it shares them with: a thread per connection cost more than
 * the server at 25k requests/s, and a clock thread waking the selector at each send time cost the
 * client 24-35 us of CPU a request at 21k requests/s against 16-20 us without it. Each request's
 * bytes are built once per run, and answers are parsed in place.
 */
final class FixedRateLoad {
    /** One request: path, JSON body, and whether it is a good one (expects 200) or a bad one (expects 4xx). */
    record Request(String path, byte[] body, boolean good) {
        Request(String path, byte[] body) {
            this(path, body, true);
        }
    }

    /**
     * What one run saw. {@code unexpected}: good requests not answered 200 (429/503 aside) and bad
     * ones not answered 4xx.
     */
    record Interval(Histogram latencyMicros, long ok, long clientErrors, long serverErrors, long ioErrors,
                    Map<Integer, Long> statuses, long unexpected) {
    }

    private final String host;
    private final int port;

    FixedRateLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends {@code rate} requests per second for {@code seconds}, {@code requests} choosing each one
     * by its sequence number among a few shared instances (each instance's bytes are built once),
     * over {@code connections} connections, and waits for every answer.
     */
    Interval run(double rate, double seconds, int connections, IntFunction<Request> requests) throws IOException {
        LoadTally tally = new LoadTally();
        try (Selector selector = Selector.open()) {
            ArrayDeque<LoadConnection> idle = new ArrayDeque<>();
            for (int c = 0; c < connections; c++) {
                idle.add(new LoadConnection(host, port));
            }
            ArrayDeque<Integer> backlog = new ArrayDeque<>();
            long total = (long) (rate * seconds);
            double intervalNanos = 1e9 / rate;
            long start = System.nanoTime() + 50_000_000L;
            int next = 0;
            int inFlight = 0;
            while (next < total || !backlog.isEmpty() || inFlight > 0) {
                long now = System.nanoTime();
                while (next < total && start + (long) (next * intervalNanos) <= now) {
                    backlog.add(next++);
                }
                while (!backlog.isEmpty() && !idle.isEmpty()) {
                    int n = backlog.poll();
                    LoadConnection connection = idle.poll();
                    if (connection.send(selector, requests.apply(n), start + (long) (n * intervalNanos), tally)) {
                        inFlight++;
                    } else {
                        idle.add(new LoadConnection(host, port));
                    }
                }
                if (next < total || !backlog.isEmpty() || inFlight > 0) {
                    await(selector, next < total && !idle.isEmpty() ? start + (long) (next * intervalNanos) : Long.MAX_VALUE,
                            inFlight > 0);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    LoadConnection connection = (LoadConnection) key.attachment();
                    switch (connection.ready(key, tally)) {
                        case DONE -> {
                            inFlight--;
                            idle.add(connection);
                        }
                        case FAILED -> {
                            inFlight--;
                            idle.add(new LoadConnection(host, port));
                        }
                        case WAITING -> { }
                    }
                }
            }
            for (LoadConnection connection : idle) {
                connection.close();
            }
        }
        return tally.interval();
    }

    /**
     * Waits for an answer or for the next send time. Selector.select's timeout has millisecond steps,
     * so under a millisecond the thread sleeps until the send time, while answers are due in steps of
     * a quarter of the wait (at least 50 us), polling the sockets after each: an answer is then at
     * most one step late, and that lateness counts in its latency.
     */
    private static void await(Selector selector, long sendAt, boolean answersDue) throws IOException {
        long wait = sendAt == Long.MAX_VALUE ? 100_000_000L : sendAt - System.nanoTime();
        if (wait >= 1_000_000L) {
            selector.select(wait / 1_000_000L);
        } else if (selector.selectNow() == 0 && wait > 0) {
            LockSupport.parkNanos(answersDue ? Math.min(wait, Math.max(50_000L, wait / 4)) : wait);
            selector.selectNow();
        }
    }
}
