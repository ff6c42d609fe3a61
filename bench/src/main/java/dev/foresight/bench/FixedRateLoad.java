package dev.foresight.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: requests are scheduled at a fixed rate over keep-alive HTTP/1.1
 * connections, and latency is measured from the scheduled time, so a slow server cannot hide its
 * queueing (no coordinated omission). Each connection sends its share of the rate.
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
                    java.util.Map<Integer, Long> statuses, long unexpected) {
    }

    private final String host;
    private final int port;

    FixedRateLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends {@code rate} requests per second for {@code seconds}, {@code requests} choosing each one
     * by its sequence number, over {@code connections} connections.
     */
    Interval run(double rate, double seconds, int connections, IntFunction<Request> requests)
            throws InterruptedException {
        Histogram histogram = new Histogram(60_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder client = new LongAdder();
        LongAdder server = new LongAdder();
        LongAdder io = new LongAdder();
        LongAdder unexpected = new LongAdder();
        java.util.concurrent.ConcurrentHashMap<Integer, Long> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime() + 50_000_000L;
        long total = (long) (rate * seconds);
        double intervalNanos = 1e9 / rate;
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int lane = c;
            Thread worker = new Thread(() -> {
                Connection connection = null;
                for (long n = lane; n < total; n += connections) {
                    long scheduled = start + (long) (n * intervalNanos);
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    Request request = requests.apply((int) n);
                    try {
                        if (connection == null) {
                            connection = new Connection(host, port);
                        }
                        int status = connection.post(request);
                        long micros = Math.max(1, (System.nanoTime() - scheduled) / 1000);
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(micros, 60_000_000L));
                        }
                        statuses.merge(status, 1L, Long::sum);
                        boolean overloaded = status == 429 || status == 503;
                        if (request.good() ? status != 200 && !overloaded : status < 400 || status >= 500) {
                            unexpected.increment();
                        }
                        if (status < 400) {
                            ok.increment();
                        } else if (status < 500) {
                            client.increment();
                        } else {
                            server.increment();
                        }
                    } catch (IOException e) {
                        io.increment();
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Interval(histogram, ok.sum(), client.sum(), server.sum(), io.sum(), new java.util.TreeMap<>(statuses),
                unexpected.sum());
    }

    /** A keep-alive HTTP/1.1 connection that reads responses by their Content-Length. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Connection(String host, int port) throws IOException {
            this.host = host;
            this.socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        }

        int post(Request request) throws IOException {
            byte[] head = ("POST " + request.path() + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + request.body().length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            // One write, so one segment for a small request (two writes with TCP_NODELAY send two).
            byte[] whole = java.util.Arrays.copyOf(head, head.length + request.body().length);
            System.arraycopy(request.body(), 0, whole, head.length, request.body().length);
            out.write(whole);
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean close = false;
            String header;
            while ((header = line()) != null && !header.isEmpty()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length");
            }
            in.skipNBytes(length);
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
            return line.length() == 0 ? null : line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
