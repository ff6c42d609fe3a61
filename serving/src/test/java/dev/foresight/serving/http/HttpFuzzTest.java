package dev.foresight.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised hostile input over real HTTP: mutated and random bodies, deep nesting, huge numbers,
 * wrong types, truncated bodies, slow senders. The server must answer every one with a 2xx or a
 * 4xx carrying a JSON {@code error}, never a 5xx, never hang, and keep its heap bounded.
 * {@code -Dfuzz.cases=N} runs more cases (default 3000); the count is printed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFuzzTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEEDS = List.of(
            "{\"id\":\"a\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[[1,2],[3,4]]}],"
                    + "\"outputs\":[{\"name\":\"sum\"}]}",
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"a\",\"b\"]}]}",
            "{\"inputs\":[{\"name\":\"index\",\"datatype\":\"INT64\",\"shape\":[3],\"data\":[0,1,2]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[1]}],\"parameters\":{\"binary_data_output\":true}}");
    private static final List<String> MODELS = List.of("add", "strings", "gather", "int8", "missing");
    private static final String[] HOSTILE_VALUES = {"1e999", "-1e999", "99999999999999999999999", "NaN", "null",
        "true", "\"x\"", "{}", "[]", "[[[[[]]]]]", "-0", "1.7976931348623157E309", "\"\\u0000\"", "\"\\ud800\""};

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/health/ready");
    }

    @Override
    public Map<String, String> getProperties() {
        Path root = OnnxGraphs.repository("foresight-fuzz");
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "strings", 1, OnnxGraphs.identity(OnnxGraphs.STRING, -1));
        OnnxGraphs.deploy(root, "gather", 1, OnnxGraphs.gather());
        OnnxGraphs.deploy(root, "int8", 1, OnnxGraphs.identity(OnnxGraphs.INT8, -1));
        return Map.of("foresight.models.dir", root.toString(), "foresight.max-request-size", "1MB",
                "micronaut.server.read-idle-timeout", "3s", "micronaut.server.idle-timeout", "3s");
    }

    @Test
    void hostileRequestsNeverGetA5xxOrHang() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", 3000);
        Random random = new Random(Long.getLong("fuzz.seed", 7));
        Http http = new Http(server.getURL());
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < cases; i++) {
            String model = MODELS.get(random.nextInt(MODELS.size()));
            byte[] body = body(random);
            HttpResponse<String> response = http.post("/v2/models/" + model + "/infer", body);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertTrue(response.statusCode() < 500, "case " + i + ": " + response.statusCode() + " for "
                    + new String(body, StandardCharsets.UTF_8) + " -> " + response.body());
            if (response.statusCode() >= 400) {
                JsonNode error = JSON.readTree(response.body()).get("error");
                assertTrue(error != null && !error.asText().isBlank(), "no error message: " + response.body());
            }
        }
        System.out.println("HttpFuzzTest: " + cases + " cases, statuses " + statuses);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        assertTrue(usedMb < 512, "heap after fuzzing: " + usedMb + " MB");
        assertEquals(200, http.get("/v2/health/ready").statusCode());
    }

    private static byte[] body(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(6)) {
            case 0 -> mutateBytes(seed.getBytes(StandardCharsets.UTF_8), random);
            case 1 -> replaceValue(seed, random).getBytes(StandardCharsets.UTF_8);
            case 2 -> seed.substring(0, random.nextInt(seed.length())).getBytes(StandardCharsets.UTF_8);
            case 3 -> deepNesting(random).getBytes(StandardCharsets.UTF_8);
            case 4 -> randomBytes(random);
            default -> hugeData(random).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] mutateBytes(byte[] seed, Random random) {
        byte[] mutated = seed.clone();
        for (int e = 0; e < 1 + random.nextInt(5); e++) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        return mutated;
    }

    private static String replaceValue(String seed, Random random) {
        List<int[]> spots = new ArrayList<>();
        for (int i = 0; i < seed.length(); i++) {
            char c = seed.charAt(i);
            if (c == ':' || c == ',' || c == '[') {
                spots.add(new int[] {i + 1});
            }
        }
        int at = spots.get(random.nextInt(spots.size()))[0];
        int end = at;
        while (end < seed.length() && ",]}".indexOf(seed.charAt(end)) < 0) {
            end++;
        }
        return seed.substring(0, at) + HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)] + seed.substring(end);
    }

    private static String deepNesting(Random random) {
        int depth = 50 + random.nextInt(5000);
        return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":"
                + "[".repeat(depth) + "1" + "]".repeat(random.nextBoolean() ? depth : depth / 2) + "}]}";
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hugeData(Random random) {
        int count = random.nextInt(200_000);
        StringBuilder data = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++) {
            data.append(i == 0 ? "" : ",").append(random.nextInt(10));
        }
        return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[" + (count / 2) + ",2],\"data\":["
                + data + "]}]}";
    }

    @Test
    void truncatedBodyDoesNotHurtOtherRequests() throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/models/add/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{\"inputs\":[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        Http http = new Http(server.getURL());
        assertEquals(200, http.post("/v2/models/add/infer", SEEDS.get(0)).statusCode());
    }

    @Test
    void slowSenderIsAnsweredAndDoesNotBlockOthers() throws Exception {
        byte[] body = SEEDS.get(0).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/models/add/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Http http = new Http(server.getURL());
            for (int i = 0; i < body.length; i++) {
                out.write(body[i]);
                out.flush();
                if (i % 20 == 0) {
                    Thread.sleep(20);
                    assertEquals(200, http.post("/v2/models/add/infer", SEEDS.get(0)).statusCode());
                }
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
        }
    }

    @Test
    void stalledSenderIsCutOffByTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/models/add/infer HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int read = socket.getInputStream().read();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis < 14_000, "the server held a stalled connection for " + waitedMillis + " ms");
            assertTrue(read == -1 || read == 'H', "unexpected byte " + read);
        }
    }
}
