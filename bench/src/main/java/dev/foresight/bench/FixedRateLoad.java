package dev.foresight.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: requests are scheduled at a fixed rate and latency is measured from
 * the scheduled time, so a slow server cannot hide its queueing (no coordinated omission). A
 * request waits in the client when every connection is busy, and that wait counts.
 *
 * <p>One thread drives all keep-alive HTTP/1.1 connections through one selector (epoll), woken by
 * answers and by a clock thread at each send time, so the client leaves the cores to the server it
 * shares them with; a thread per connection cost more than the server at 25k requests/s.
 */
final class FixedRateLoad {
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

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
     * by its sequence number, over {@code connections} connections, and waits for every answer.
     */
    Interval run(double rate, double seconds, int connections, IntFunction<Request> requests) throws IOException {
        Run run = new Run();
        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int c = 0; c < connections; c++) {
                idle.add(new Connection());
            }
            ArrayDeque<Integer> backlog = new ArrayDeque<>();
            long total = (long) (rate * seconds);
            double intervalNanos = 1e9 / rate;
            long start = System.nanoTime() + 50_000_000L;
            Thread clock = clock(selector, start, intervalNanos, total);
            int next = 0;
            int inFlight = 0;
            while (next < total || !backlog.isEmpty() || inFlight > 0) {
                long now = System.nanoTime();
                while (next < total && start + (long) (next * intervalNanos) <= now) {
                    backlog.add(next++);
                }
                while (!backlog.isEmpty() && !idle.isEmpty()) {
                    int n = backlog.poll();
                    Connection connection = idle.poll();
                    if (connection.send(selector, requests.apply(n), start + (long) (n * intervalNanos), run)) {
                        inFlight++;
                    } else {
                        idle.add(new Connection());
                    }
                }
                if (next < total || !backlog.isEmpty() || inFlight > 0) {
                    selector.select(100); // woken by an answer or by the clock at the next send time
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection connection = (Connection) key.attachment();
                    switch (connection.ready(key, run)) {
                        case DONE -> {
                            inFlight--;
                            idle.add(connection);
                        }
                        case FAILED -> {
                            inFlight--;
                            idle.add(new Connection());
                        }
                        case WAITING -> { }
                    }
                }
            }
            clock.interrupt();
            for (Connection connection : idle) {
                connection.close();
            }
        }
        return new Interval(run.histogram, run.ok, run.client, run.server, run.io, new TreeMap<>(run.statuses),
                run.unexpected);
    }

    /**
     * Wakes the selector at each send time, so that the sending thread can wait in select() for
     * answers and the clock alike (Selector.select's own timeout has millisecond steps).
     */
    private static Thread clock(Selector selector, long start, double intervalNanos, long total) {
        Thread clock = new Thread(() -> {
            for (long n = 0; n < total && !Thread.currentThread().isInterrupted(); n++) {
                long wait = start + (long) (n * intervalNanos) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                selector.wakeup();
            }
        }, "fixed-rate-clock");
        clock.setDaemon(true);
        clock.start();
        return clock;
    }

    /** Counts of one run; touched by the run's sending thread only. */
    private static final class Run {
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        long ok;
        long client;
        long server;
        long io;
        long unexpected;

        void answered(Request request, long scheduled, int status) {
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
    }

    private enum State { WAITING, DONE, FAILED }

    /** A keep-alive connection with at most one request in flight; reads responses by Content-Length. */
    private final class Connection {
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private Request request;
        private long scheduled;

        /** Starts sending; false (counted as a connection error) when the connection cannot be made. */
        boolean send(Selector selector, Request request, long scheduled, Run run) {
            this.request = request;
            this.scheduled = scheduled;
            byte[] head = ("POST " + request.path() + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + request.body().length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out = ByteBuffer.allocate(head.length + request.body().length).put(head).put(request.body()).flip();
            try {
                if (channel == null) {
                    channel = SocketChannel.open(new InetSocketAddress(host, port));
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                }
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                run.io++;
                close();
                return false;
            }
        }

        State ready(SelectionKey key, Run run) {
            try {
                if (key.isWritable() && out.hasRemaining()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (!key.isReadable()) {
                    return State.WAITING;
                }
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                if (channel.read(in) < 0) {
                    throw new IOException("server closed the connection");
                }
                return parse(run);
            } catch (IOException | RuntimeException e) {
                run.io++;
                close();
                return State.FAILED;
            }
        }

        /** A whole response in {@code in}: counts it and keeps what follows. */
        private State parse(Run run) throws IOException {
            int headerEnd = indexOf(in, HEADER_END);
            if (headerEnd < 0) {
                return State.WAITING;
            }
            String header = new String(in.array(), 0, headerEnd, StandardCharsets.US_ASCII);
            if (!header.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + header.lines().findFirst().orElse(""));
            }
            int status = Integer.parseInt(header.substring(9, 12));
            long length = -1;
            boolean closing = false;
            for (String line : header.split("\r\n")) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length");
            }
            int whole = headerEnd + 4 + (int) length;
            if (in.position() < whole) {
                return State.WAITING;
            }
            in.flip().position(whole);
            in.compact();
            run.answered(request, scheduled, status);
            if (closing) {
                close(); // answered; the next request on this connection opens a new one
            }
            return State.DONE;
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
                channel = null;
            }
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern) {
        byte[] array = buffer.array();
        outer:
        for (int i = 0; i + pattern.length <= buffer.position(); i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (array[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
