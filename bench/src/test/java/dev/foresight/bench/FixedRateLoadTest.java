package dev.foresight.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixed-rate client against real local HTTP servers: what it counts and how it reads answers. */
class FixedRateLoadTest {

    @Test
    void countsEveryAnswerByStatusAndFlagsTheUnexpectedOnes() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle holds each body back 40 ms
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            int status = path.equals("/ok") ? 200 : path.equals("/busy") ? 503 : 400;
            byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length); // the JDK writes "Content-length"
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
            List<FixedRateLoad.Request> requests = List.of(
                    new FixedRateLoad.Request("/ok", json),
                    new FixedRateLoad.Request("/bad", json, false),
                    new FixedRateLoad.Request("/busy", json),
                    new FixedRateLoad.Request("/ok", json, false)); // a bad request answered 200: unexpected
            FixedRateLoad load = new FixedRateLoad("127.0.0.1", server.getAddress().getPort());

            FixedRateLoad.Interval run = load.run(800, 0.5, 4, n -> requests.get(n % requests.size()));

            assertEquals(400, run.latencyMicros().getTotalCount());
            assertEquals(Map.of(200, 200L, 400, 100L, 503, 100L), run.statuses());
            assertEquals(200, run.ok());
            assertEquals(100, run.clientErrors());
            assertEquals(100, run.serverErrors());
            assertEquals(0, run.ioErrors());
            assertEquals(100, run.unexpected());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void readsAnswersSplitAcrossWritesAndReconnectsAfterConnectionClose() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        answerOnceInPieces(socket);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            FixedRateLoad load = new FixedRateLoad("127.0.0.1", listener.getLocalPort());
            FixedRateLoad.Request request = new FixedRateLoad.Request("/x", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

            FixedRateLoad.Interval run = load.run(200, 0.25, 2, n -> request);

            assertEquals(50, run.ok());
            assertEquals(0, run.ioErrors());
            assertEquals(0, run.unexpected());
        }
    }

    /** Reads one request, answers it in three writes with mixed-case headers, then closes. */
    private static void answerOnceInPieces(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        int length = head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElseThrow();
        in.readNBytes(length);
        OutputStream out = socket.getOutputStream();
        String body = "{\"ok\":true}";
        for (String piece : List.of("HTTP/1.1 200 OK\r\nCONTENT-LENGTH: " + body.length() + "\r\nConn",
                "ection: close\r\n\r", "\n" + body)) {
            out.write(piece.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the request head");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
