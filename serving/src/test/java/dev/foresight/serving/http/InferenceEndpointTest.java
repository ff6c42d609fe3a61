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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceEndpointTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/health/ready");
    }

    @Override
    public Map<String, String> getProperties() {
        Path root = OnnxGraphs.repository("foresight-models");
        OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "gather", 1, OnnxGraphs.gather());
        OnnxGraphs.deploy(root, "constant", 1, OnnxGraphs.constantOnly());
        OnnxGraphs.deploy(root, "add_default", 1, OnnxGraphs.addWithDefault(1));
        deployIdentity(root, "BOOL", OnnxGraphs.BOOL);
        deployIdentity(root, "UINT8", OnnxGraphs.UINT8);
        deployIdentity(root, "INT8", OnnxGraphs.INT8);
        deployIdentity(root, "INT16", OnnxGraphs.INT16);
        deployIdentity(root, "INT32", OnnxGraphs.INT32);
        deployIdentity(root, "INT64", OnnxGraphs.INT64);
        deployIdentity(root, "FP16", OnnxGraphs.FLOAT16);
        deployIdentity(root, "BF16", OnnxGraphs.BFLOAT16);
        deployIdentity(root, "FP32", OnnxGraphs.FLOAT);
        deployIdentity(root, "FP64", OnnxGraphs.DOUBLE);
        deployIdentity(root, "BYTES", OnnxGraphs.STRING);
        deployIdentity(root, "UINT16", OnnxGraphs.UINT16);
        deployIdentity(root, "UINT32", OnnxGraphs.UINT32);
        deployIdentity(root, "UINT64", OnnxGraphs.UINT64);
        OnnxGraphs.deploy(root, "from_uint16", 1, OnnxGraphs.cast(OnnxGraphs.UINT16, OnnxGraphs.INT32, -1));
        OnnxGraphs.deploy(root, "from_uint32", 1, OnnxGraphs.cast(OnnxGraphs.UINT32, OnnxGraphs.INT64, -1));
        OnnxGraphs.deploy(root, "from_uint64", 1, OnnxGraphs.cast(OnnxGraphs.UINT64, OnnxGraphs.DOUBLE, -1));
        OnnxGraphs.deploy(root, "to_uint16", 1, OnnxGraphs.cast(OnnxGraphs.INT32, OnnxGraphs.UINT16, -1));
        OnnxGraphs.deploy(root, "to_uint32", 1, OnnxGraphs.cast(OnnxGraphs.INT64, OnnxGraphs.UINT32, -1));
        OnnxGraphs.deploy(root, "to_uint64", 1, OnnxGraphs.cast(OnnxGraphs.INT64, OnnxGraphs.UINT64, -1));
        return Map.of("foresight.models.dir", root.toString(),
                "foresight.max-request-size", "1MB");
    }

    private static void deployIdentity(Path root, String datatype, int onnxType) {
        OnnxGraphs.deploy(root, "id_" + datatype.toLowerCase(), 1, OnnxGraphs.identity(onnxType, -1));
    }

    private Http http() {
        return new Http(server.getURL());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String request(String input, String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"" + input + "\", \"datatype\": \"" + datatype + "\", \"shape\": "
                + shape + ", \"data\": " + data + "}]}";
    }

    @ParameterizedTest(name = "{0} round trip")
    @CsvSource(delimiter = '|', value = {
        "BOOL   | [true, false, true]                        | [true,false,true]",
        "UINT8  | [0, 255, 7]                                | [0,255,7]",
        "INT8   | [-128, 127, 0]                             | [-128,127,0]",
        "INT16  | [-32768, 32767, 1]                         | [-32768,32767,1]",
        "INT32  | [-2147483648, 2147483647, 3]               | [-2147483648,2147483647,3]",
        "INT64  | [9007199254740993, -9223372036854775808, 0] | [9007199254740993,-9223372036854775808,0]",
        "FP16   | [1.5, -2.0, 65504]                         | [1.5,-2.0,65504.0]",
        "BF16   | [1.5, -2.0, 3.0]                           | [1.5,-2.0,3.0]",
        "FP32   | [1.5, -2.25, 3.0E38]                       | [1.5,-2.25,3.0E38]",
        "FP64   | [1.0E300, -2.5, 0.1]                       | [1.0E300,-2.5,0.1]",
        "BYTES  | [\"h\u00e9llo\", \"\", \"x\"]              | [\"h\u00e9llo\",\"\",\"x\"]",
        "UINT16 | [0, 65535, 32768]                          | [0,65535,32768]",
        "UINT32 | [0, 4294967295, 2147483648]                | [0,4294967295,2147483648]",
        "UINT64 | [0, 18446744073709551615, 9223372036854775808] | [0,18446744073709551615,9223372036854775808]",
    })
    void everyDatatypeRoundTrips(String datatype, String data, String expected) {
        HttpResponse<String> response = http().post("/v2/models/id_" + datatype.toLowerCase() + "/infer",
                request("x", datatype, "[3]", data));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode output = json(response).get("outputs").get(0);
        assertEquals(datatype, output.get("datatype").asText());
        assertEquals("[3]", output.get("shape").toString());
        assertEquals(expected, output.get("data").toString());
    }

    @ParameterizedTest(name = "{0} output")
    @CsvSource(delimiter = '|', value = {
        "to_uint16 | INT32 | [1, 65535, 0]  | UINT16 | [1,65535,0]",
        "to_uint32 | INT64 | [0, 4294967295, 5] | UINT32 | [0,4294967295,5]",
        "to_uint64 | INT64 | [-1, 7, 0]     | UINT64 | [18446744073709551615,7,0]",
    })
    void unsignedOutputsAreWrittenUnsigned(String model, String inputType, String data, String outputType,
                                           String expected) {
        HttpResponse<String> response = http().post("/v2/models/" + model + "/infer",
                request("x", inputType, "[3]", data));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode output = json(response).get("outputs").get(0);
        assertEquals(outputType, output.get("datatype").asText());
        assertEquals(expected, output.get("data").toString());
    }

    /** The graph sees an unsigned input's value, not its bits read as signed: 0, the maximum, and above the signed maximum. */
    @ParameterizedTest(name = "{0} input")
    @CsvSource(delimiter = '|', value = {
        "from_uint16 | UINT16 | [0, 65535, 32768]                               | [0,65535,32768]",
        "from_uint32 | UINT32 | [0, 4294967295, 2147483648]                     | [0,4294967295,2147483648]",
        "from_uint64 | UINT64 | [0, 18446744073709551615, 9223372036854775809] | [0.0,1.8446744073709552E19,9.223372036854776E18]",
    })
    void unsignedInputsReachTheGraphAsTheirValues(String model, String inputType, String data, String expected) {
        HttpResponse<String> metadata = http().get("/v2/models/" + model);
        assertEquals(inputType, json(metadata).get("inputs").get(0).get("datatype").asText(), metadata.body());
        HttpResponse<String> response = http().post("/v2/models/" + model + "/infer", request("x", inputType, "[3]", data));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expected, json(response).get("outputs").get(0).get("data").toString());
    }

    @Test
    void aModelWithoutInputsAnswersARequestWithNone() {
        HttpResponse<String> response = http().post("/v2/models/constant/infer", "{\"inputs\": []}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[1.5,-2.0]", json(response).get("outputs").get(0).get("data").toString());
        HttpResponse<String> missing = http().post("/v2/models/add/infer", "{\"inputs\": []}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(json(missing).get("error").asText().contains("missing input 'x'"), missing.body());
    }

    @Test
    void nestedDataAndOutputSelectionAndIdEcho() {
        String body = "{\"id\": \"req-7\", \"parameters\": {\"x\": 1}, \"inputs\": [{\"name\": \"x\", \"shape\": [2, 2],"
                + " \"datatype\": \"FP32\", \"parameters\": {}, \"data\": [[1, 2], [3, 4]]}],"
                + " \"outputs\": [{\"name\": \"doubled\", \"parameters\": {\"binary_data\": false}}]}";
        HttpResponse<String> response = http().post("/v2/models/add/infer", body);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = json(response);
        assertEquals("req-7", answer.get("id").asText());
        assertEquals("add", answer.get("model_name").asText());
        assertEquals("1", answer.get("model_version").asText());
        assertEquals(1, answer.get("outputs").size());
        assertEquals("doubled", answer.get("outputs").get(0).get("name").asText());
        assertEquals("[2,2]", answer.get("outputs").get(0).get("shape").toString());
        assertEquals("[2.0,4.0,6.0,8.0]", answer.get("outputs").get(0).get("data").toString());
    }

    @Test
    void dataBeforeDatatypeAndShapeIsAccepted() {
        String body = "{\"inputs\": [{\"data\": [1, 2], \"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 2]}]}";
        HttpResponse<String> response = http().post("/v2/models/add/versions/1/infer", body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("[2.0,3.0]", json(response).get("outputs").get(0).get("data").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong datatype      | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[1,2],\"data\":[1,2]}]} | 400 | input 'x': expected FP32, got FP64",
        "wrong shape         | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,3],\"data\":[1,2,3]}]} | 400 | input 'x': expected shape [-1, 2]",
        "too few elements    | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[1,2]}]} | 400 | 'data' has 2 elements but shape [2, 2] needs 4",
        "string for number   | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,\"a\"]}]} | 400 | FP32 data must be numbers, got string",
        "unknown input       | add | {\"inputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]} | 400 | unknown input 'y'; model 'add' expects 'x' (FP32 [-1, 2])",
        "unknown output      | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}],\"outputs\":[{\"name\":\"z\"}]} | 400 | unknown output 'z'",
        "unknown datatype    | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FLOAT\",\"shape\":[1,2],\"data\":[1,2]}]} | 400 | unknown datatype 'FLOAT'",
        "malformed json      | add | {\"inputs\": [ | 400 | malformed JSON",
        "not an object       | add | [1, 2] | 400 | request body must be a JSON object",
        "no inputs           | add | {} | 400 | request has no 'inputs'",
        "int out of range    | id_int8 | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT8\",\"shape\":[1],\"data\":[128]}]} | 400 | value 128 is out of range for INT8",
        "fraction for int    | id_int32 | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT32\",\"shape\":[1],\"data\":[1.5]}]} | 400 | INT32 data must be integers, got 1.5",
        "negative shape      | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2],\"data\":[1,2]}]} | 400 | 'shape' must hold non-negative integers",
        "huge shape          | add | {\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[4294967296,4294967296],\"data\":[]}]} | 400 | has too many elements",
        "index out of range  | gather | {\"inputs\":[{\"name\":\"index\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[7]}]} | 400 | the model could not compute this input",
        "unknown model       | nope | {\"inputs\":[]} | 404 | unknown model 'nope'",
        "bad model name      | ..%2Fetc | {} | 400 | invalid model name",
    })
    void badRequestsGetAClearError(String what, String model, String body, int status, String message) {
        HttpResponse<String> response = http().post("/v2/models/" + model + "/infer", body);
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response).get("error").asText();
        assertTrue(error.contains(message), "'" + error + "' does not say '" + message + "'");
    }

    @Test
    void optionalInputsAreListedAndMayBeLeftOut() {
        JsonNode metadata = json(http().get("/v2/models/add_default"));
        assertEquals("{\"name\":\"c\",\"datatype\":\"FP32\",\"shape\":[1],\"optional\":true}",
                metadata.get("inputs").get(1).toString());
        assertEquals("{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2]}", metadata.get("inputs").get(0).toString());
        HttpResponse<String> defaulted = http().post("/v2/models/add_default/infer", request("x", "FP32", "[1, 2]", "[1, 2]"));
        assertEquals("[2.0,3.0]", json(defaulted).get("outputs").get(0).get("data").toString());
        String both = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]},"
                + "{\"name\":\"c\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[10]}]}";
        HttpResponse<String> given = http().post("/v2/models/add_default/infer", both);
        assertEquals(200, given.statusCode(), given.body());
        assertEquals("[11.0,12.0]", json(given).get("outputs").get(0).get("data").toString());
    }

    @Test
    void unknownVersionIs404AndInvalidVersionIs400() {
        String body = request("x", "FP32", "[1, 2]", "[1, 2]");
        HttpResponse<String> missing = http().post("/v2/models/add/versions/9/infer", body);
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(json(missing).get("error").asText().contains("has no version 9"));
        HttpResponse<String> invalid = http().post("/v2/models/add/versions/01x/infer", body);
        assertEquals(400, invalid.statusCode(), invalid.body());
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = http().post("/v2/models/add/infer", body);
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(json(response).has("error"), response.body());
    }

    @Test
    void emptyBodyIs400() {
        HttpResponse<String> response = http().post("/v2/models/add/infer", "");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response).get("error").asText().contains("request body is empty"));
    }

    @Test
    void modelMetadataShowsDynamicDimensionsAsMinusOne() {
        HttpResponse<String> response = http().get("/v2/models/add");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode metadata = json(response);
        assertEquals("add", metadata.get("name").asText());
        assertEquals("[\"1\"]", metadata.get("versions").toString());
        assertEquals("onnxruntime_onnx", metadata.get("platform").asText());
        assertEquals("{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2]}", metadata.get("inputs").get(0).toString());
        assertEquals(2, metadata.get("outputs").size());
        assertEquals(200, http().get("/v2/models/add/versions/1").statusCode());
        assertEquals(404, http().get("/v2/models/add/versions/2").statusCode());
        assertEquals(404, http().get("/v2/models/nope").statusCode());
    }

    @Test
    void serverHealthAndReadiness() {
        assertEquals(200, http().get("/v2/health/live").statusCode());
        assertEquals(200, http().get("/v2/health/ready").statusCode());
        assertEquals(200, http().get("/v2/models/add/ready").statusCode());
        assertEquals(200, http().get("/v2/models/add/versions/1/ready").statusCode());
        assertEquals(404, http().get("/v2/models/add/versions/3/ready").statusCode());
        JsonNode server = json(http().get("/v2"));
        assertEquals("foresight", server.get("name").asText());
        assertTrue(server.has("extensions"));
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithTheErrorShape() {
        HttpResponse<String> notFound = http().get("/v2/nothing/here");
        assertEquals(404, notFound.statusCode());
        assertTrue(json(notFound).has("error"), notFound.body());
        HttpResponse<String> wrongMethod = http().get("/v2/models/add/infer");
        assertTrue(wrongMethod.statusCode() == 405 || wrongMethod.statusCode() == 404, wrongMethod.body());
        assertTrue(json(wrongMethod).has("error"), wrongMethod.body());
    }
}
