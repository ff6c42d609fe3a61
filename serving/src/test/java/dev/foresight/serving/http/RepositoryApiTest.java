package dev.foresight.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryApiTest implements TestPropertyProvider {
    private static final String TOKEN = "s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INFER = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0,0]}]}";

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/models/add/ready");
    }

    private Path parent;
    private Path root;

    @Override
    public Map<String, String> getProperties() {
        parent = OnnxGraphs.repository("foresight-admin");
        root = parent.resolve("models"); // created by the first deploy
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        return Map.of("foresight.models.dir", root.toString(), "foresight.admin.token", TOKEN,
                "foresight.models.poll-interval", "1h");
    }

    private Http http() {
        return new Http(server.getURL());
    }

    private static String load(Map<String, String> parameters) throws IOException {
        return JSON.writeValueAsString(Map.of("parameters", parameters));
    }

    private float answer(String model) throws IOException {
        HttpResponse<String> response = http().post("/v2/models/" + model + "/infer", INFER);
        assertEquals(200, response.statusCode(), response.body());
        return (float) JSON.readTree(response.body()).get("outputs").get(0).get("data").get(0).asDouble();
    }

    @Test
    void repositoryApiNeedsTheBearerToken() {
        HttpResponse<String> none = http().post("/v2/repository/index", "");
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(none.body().contains("\"error\""));
        assertEquals(401, http().post("/v2/repository/index", "", "wrong").statusCode());
        assertEquals(401, http().post("/v2/repository/models/add/unload", "", TOKEN + "x").statusCode());
        HttpResponse<String> index = http().post("/v2/repository/index", "", TOKEN);
        assertEquals(200, index.statusCode(), index.body());
        assertTrue(index.body().contains("{\"name\":\"add\",\"version\":\"1\",\"state\":\"READY\""), index.body());
    }

    @Test
    void inferenceAndHealthStayOpen() throws IOException {
        assertEquals(1f, answer("add"));
        assertEquals(200, http().get("/v2/health/ready").statusCode());
    }

    @Test
    void loadWritesTheUploadedFilesAndServesThem() throws IOException {
        String body = load(Map.of(
                "config", "{\"version_policy\": {\"all\": {}}}",
                "file:1/model.onnx", Base64.getEncoder().encodeToString(OnnxGraphs.addConstant(5)),
                "file:2/model.onnx", Base64.getEncoder().encodeToString(OnnxGraphs.addConstant(6))));
        HttpResponse<String> response = http().post("/v2/repository/models/uploaded/load", body, TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(6f, answer("uploaded"));
        assertEquals(200, http().get("/v2/models/uploaded/versions/1/ready").statusCode());
        assertTrue(Files.isRegularFile(root.resolve("uploaded/config.json")));
    }

    @Test
    void unloadThenLoadAgain() throws IOException {
        OnnxGraphs.deploy(root, "cycled", 1, OnnxGraphs.addConstant(3));
        assertEquals(200, http().post("/v2/repository/models/cycled/load", "", TOKEN).statusCode());
        assertEquals(3f, answer("cycled"));
        assertEquals(200, http().post("/v2/repository/models/cycled/unload", "", TOKEN).statusCode());
        assertEquals(404, http().post("/v2/models/cycled/infer", INFER).statusCode());
        assertEquals(200, http().post("/v2/repository/models/cycled/load", "", TOKEN).statusCode());
        assertEquals(3f, answer("cycled"));
    }

    @Test
    void loadOfABrokenUploadKeepsTheWorkingVersion() throws IOException {
        OnnxGraphs.deploy(root, "kept", 1, OnnxGraphs.addConstant(7));
        assertEquals(200, http().post("/v2/repository/models/kept/load", "", TOKEN).statusCode());
        String body = load(Map.of("file:2/model.onnx", Base64.getEncoder().encodeToString("junk".getBytes())));
        HttpResponse<String> response = http().post("/v2/repository/models/kept/load", body, TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(7f, answer("kept"));
        HttpResponse<String> index = http().post("/v2/repository/index", "", TOKEN);
        assertTrue(index.body().contains("\"name\":\"kept\",\"version\":\"2\",\"state\":\"UNAVAILABLE\""), index.body());
    }

    @Test
    void loadOfAModelThatCannotLoadAtAllIsABadRequest() throws IOException {
        String body = load(Map.of("file:1/model.onnx", Base64.getEncoder().encodeToString("junk".getBytes())));
        HttpResponse<String> response = http().post("/v2/repository/models/junk/load", body, TOKEN);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("version 1"), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:../../escape/model.onnx", "file:1/../../escape.onnx", "file:/etc/escape",
        "file:1/model.onnx/../../../escape", "file:0/model.onnx", "escape"})
    void uploadsCannotWriteOutsideTheModelFolder(String key) throws IOException {
        HttpResponse<String> response = http().post("/v2/repository/models/evil/load",
                load(Map.of(key, Base64.getEncoder().encodeToString(new byte[] {1}))), TOKEN);
        assertEquals(400, response.statusCode(), response.body());
        try (Stream<Path> files = Files.walk(parent)) {
            List<Path> escaped = files.filter(p -> p.getFileName().toString().startsWith("escape")).toList();
            assertEquals(List.of(), escaped);
        }
    }

    @Test
    void traversalInTheModelNameIsRefused() {
        assertEquals(400, http().post("/v2/repository/models/..%2F..%2Fescape/load", "", TOKEN).statusCode());
        assertEquals(404, http().post("/v2/repository/models/nothing/unload", "", TOKEN).statusCode());
    }
}
