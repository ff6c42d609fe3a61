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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Triton's binary tensor data extension, both ways, on real models. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryTensorDataTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/health/ready");
    }

    @Override
    public Map<String, String> getProperties() {
        Path root = OnnxGraphs.repository("foresight-binary");
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "strings", 1, OnnxGraphs.identity(OnnxGraphs.STRING, -1));
        return Map.of("foresight.models.dir", root.toString());
    }

    private static byte[] withBinary(String header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static int headerLength(String header) {
        return header.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void binaryInputAndBinaryOutput() throws IOException {
        float[] x = {1.5f, -2f, 3f, 4f};
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(x);
        String header = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],"
                + "\"parameters\":{\"binary_data_size\":16}}],"
                + "\"outputs\":[{\"name\":\"sum\",\"parameters\":{\"binary_data\":true}},{\"name\":\"doubled\"}]}";
        HttpResponse<byte[]> response = new Http(server.getURL()).postBytes("/v2/models/add/infer",
                withBinary(header, raw.array()), "Content-Type", "application/octet-stream",
                "Inference-Header-Content-Length", Integer.toString(headerLength(header)));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        int jsonLength = Integer.parseInt(response.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        JsonNode json = JSON.readTree(Arrays.copyOf(response.body(), jsonLength));
        JsonNode sum = json.get("outputs").get(0);
        assertEquals(16, sum.get("parameters").get("binary_data_size").asInt());
        assertTrue(!sum.has("data"));
        float[] sums = new float[4];
        ByteBuffer.wrap(response.body(), jsonLength, 16).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(sums);
        assertArrayEquals(new float[] {2.5f, -1f, 4f, 5f}, sums);
        assertEquals("[3.0,-4.0,6.0,8.0]", json.get("outputs").get(1).get("data").toString());
        assertEquals(jsonLength + 16, response.body().length);
    }

    @Test
    void binaryStringsUseLengthPrefixes() throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(4 + 2 + 4 + 0).order(ByteOrder.LITTLE_ENDIAN);
        raw.putInt(2).put("hi".getBytes(StandardCharsets.UTF_8)).putInt(0);
        String header = "{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"x\",\"datatype\":\"BYTES\","
                + "\"shape\":[2],\"parameters\":{\"binary_data_size\":10}}]}";
        HttpResponse<byte[]> response = new Http(server.getURL()).postBytes("/v2/models/strings/infer",
                withBinary(header, raw.array()), "Inference-Header-Content-Length", Integer.toString(headerLength(header)));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        int jsonLength = Integer.parseInt(response.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        assertArrayEquals(raw.array(), Arrays.copyOfRange(response.body(), jsonLength, response.body().length));
    }

    @Test
    void wrongBinarySizeIsABadRequest() {
        String header = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],"
                + "\"parameters\":{\"binary_data_size\":12}}]}";
        HttpResponse<byte[]> response = new Http(server.getURL()).postBytes("/v2/models/add/infer",
                withBinary(header, new byte[12]), "Inference-Header-Content-Length", Integer.toString(headerLength(header)));
        assertEquals(400, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("does not match 2 FP32 elements"));
    }

    @Test
    void headerLengthBeyondTheBodyIsABadRequest() {
        HttpResponse<byte[]> response = new Http(server.getURL()).postBytes("/v2/models/add/infer",
                "{}".getBytes(StandardCharsets.UTF_8), "Inference-Header-Content-Length", "99");
        assertEquals(400, response.statusCode());
    }

    @Test
    void serverMetadataAdvertisesTheExtension() throws IOException {
        JsonNode metadata = JSON.readTree(new Http(server.getURL()).get("/v2").body());
        assertTrue(metadata.get("extensions").toString().contains("binary_tensor_data"));
    }
}
