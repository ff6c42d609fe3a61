package dev.foresight.serving.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integer Div and Mod on the packaged server, a separate process: ONNX Runtime traps on an
 * integer division by zero and on the signed minimum divided by -1 (SIGFPE, which kills the
 * process). Every such request must be answered 400 naming the node and the input, every other
 * answer must be the exact integer result, and the server must keep serving its other models.
 */
class IntegerDivisionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> TYPES = Map.of("INT8", OnnxGraphs.INT8, "INT16", OnnxGraphs.INT16,
            "INT32", OnnxGraphs.INT32, "INT64", OnnxGraphs.INT64, "UINT8", OnnxGraphs.UINT8, "UINT16", OnnxGraphs.UINT16,
            "UINT32", OnnxGraphs.UINT32, "UINT64", OnnxGraphs.UINT64);

    private static Path models;
    private static ServerProcess server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        models = OnnxGraphs.repository("foresight-division");
        for (Map.Entry<String, Integer> type : TYPES.entrySet()) {
            String name = type.getKey().toLowerCase();
            OnnxGraphs.deploy(models, "div_" + name, 1, OnnxGraphs.binary("Div", type.getValue(), 17));
            OnnxGraphs.deploy(models, "mod_" + name, 1, OnnxGraphs.binary("Mod", type.getValue(), 17));
        }
        // Before opset 9 there is no Where; before 11 Equal takes only INT32/INT64; Mod starts at 10.
        OnnxGraphs.deploy(models, "div_int32_opset7", 1, OnnxGraphs.binary("Div", OnnxGraphs.INT32, 7));
        OnnxGraphs.deploy(models, "div_uint64_opset8", 1, OnnxGraphs.binary("Div", OnnxGraphs.UINT64, 8));
        OnnxGraphs.deploy(models, "mod_int8_opset10", 1, OnnxGraphs.binary("Mod", OnnxGraphs.INT8, 10));
        OnnxGraphs.deploy(models, "div_in_if", 1, OnnxGraphs.divisionInIf(OnnxGraphs.INT32));
        OnnxGraphs.deploy(models, "div_in_loop", 1, OnnxGraphs.divisionInLoop(OnnxGraphs.INT64));
        OnnxGraphs.deploy(models, "mod_in_scan", 1, OnnxGraphs.divisionInScan(OnnxGraphs.INT16));
        OnnxGraphs.deploy(models, "div_in_function", 1, OnnxGraphs.divisionInFunction(OnnxGraphs.UINT32));
        OnnxGraphs.deploy(models, "float_div_in_function", 1, OnnxGraphs.divisionInFunction(OnnxGraphs.FLOAT));
        OnnxGraphs.deploy(models, "div_by_three", 1, OnnxGraphs.divisionByConstant(OnnxGraphs.INT32, 3));
        OnnxGraphs.deploy(models, "div_by_constant_zero", 1, OnnxGraphs.divisionByConstant(OnnxGraphs.INT32, 0));
        OnnxGraphs.deploy(models, "add", 1, OnnxGraphs.addConstant(1));
        server = ServerProcess.start(models, Map.of());
        http = new Http(server.url());
        http.await("/v2/models/add/ready");
        http.await("/v2/models/div_in_if/ready");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void otherModelsStillAnswer() {
        assertTrue(server.process().isAlive(), "the server died:\n" + server.log());
        HttpResponse<String> add = http.post("/v2/models/add/infer",
                "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}");
        assertEquals(200, add.statusCode(), add.body());
    }

    static Stream<Arguments> everyIntegerType() {
        return TYPES.keySet().stream().sorted().flatMap(type -> Stream.of(Arguments.of("Div", type), Arguments.of("Mod", type)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyIntegerType")
    void ordinaryAnswersAreTheExactIntegerResults(String op, String type) throws IOException {
        List<BigInteger> x = values(type, "7", "-7", "min", "max", "5", "1");
        List<BigInteger> y = values(type, "2", "3", "3", "-5", "max", "1");
        JsonNode answer = infer(op.toLowerCase() + "_" + type.toLowerCase(), type, x, y);
        assertEquals(200, answer.get("status").asInt(), answer.toString());
        assertEquals(expected(op, type, x, y), answer.get("data").toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyIntegerType")
    void aZeroDivisorIsRefusedNamingTheNodeAndTheInput(String op, String type) throws IOException {
        JsonNode answer = infer(op.toLowerCase() + "_" + type.toLowerCase(), type,
                values(type, "7", "8"), values(type, "2", "0"));
        assertEquals(400, answer.get("status").asInt(), answer.toString());
        String error = answer.get("error").asText();
        assertTrue(error.contains("node '" + op.toLowerCase() + "_1' (" + op + "): integer division by zero"), error);
        assertTrue(error.contains("from input 'y'"), error);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"INT8", "INT16", "INT32", "INT64"})
    void theSignedMinimumDividedByMinusOneIsRefused(String type) throws IOException {
        JsonNode answer = infer("div_" + type.toLowerCase(), type, values(type, "min"), values(type, "-1"));
        assertEquals(400, answer.get("status").asInt(), answer.toString());
        assertTrue(answer.get("error").asText().contains("integer overflow: the " + type + " minimum divided by -1"),
                answer.toString());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"INT8", "INT16", "INT32", "INT64"})
    void theSignedMinimumModuloMinusOneIsZero(String type) throws IOException {
        JsonNode answer = infer("mod_" + type.toLowerCase(), type, values(type, "min", "5"), values(type, "-1", "-1"));
        assertEquals(200, answer.get("status").asInt(), answer.toString());
        assertEquals("[0,0]", answer.get("data").toString());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"div_int32_opset7, INT32, Div", "div_uint64_opset8, UINT64, Div",
        "mod_int8_opset10, INT8, Mod"})
    void olderOpsetsAreGuardedToo(String model, String type, String op) throws IOException {
        List<BigInteger> x = values(type, "7", "max", "1");
        List<BigInteger> y = values(type, "2", "3", "1");
        JsonNode answer = infer(model, type, x, y);
        assertEquals(200, answer.get("status").asInt(), answer.toString());
        assertEquals(expected(op, type, x, y), answer.get("data").toString());
        JsonNode zero = infer(model, type, values(type, "7"), values(type, "0"));
        assertEquals(400, zero.get("status").asInt(), zero.toString());
    }

    @Test
    void aZeroDivisorInsideAnIfBranchIsReported() throws IOException {
        String request = "{\"inputs\":[" + tensor("x", "INT32", List.of(BigInteger.TEN)) + ","
                + tensor("y", "INT32", List.of(BigInteger.ZERO)) + ",{\"name\":\"c\",\"datatype\":\"BOOL\",\"shape\":[],"
                + "\"data\":[%s]}]}";
        HttpResponse<String> taken = http.post("/v2/models/div_in_if/infer", request.formatted("true"));
        assertEquals(400, taken.statusCode(), taken.body());
        assertTrue(taken.body().contains("node 'div_in_then' (Div) in the then_branch of node 'if_1' (If):"
                + " integer division by zero"), taken.body());
        HttpResponse<String> notTaken = http.post("/v2/models/div_in_if/infer", request.formatted("false"));
        assertEquals(200, notTaken.statusCode(), notTaken.body());
        assertEquals("[10]", JSON.readTree(notTaken.body()).get("outputs").get(0).get("data").toString());
    }

    @Test
    void aZeroDivisorInsideALoopBodyIsReported() throws IOException {
        String request = "{\"inputs\":[" + tensor("x", "INT64", List.of(BigInteger.valueOf(100)))
                + ",{\"name\":\"y\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[%d]}"
                + ",{\"name\":\"n\",\"datatype\":\"INT64\",\"shape\":[],\"data\":[2]}]}";
        HttpResponse<String> divided = http.post("/v2/models/div_in_loop/infer", request.formatted(3));
        assertEquals(200, divided.statusCode(), divided.body());
        assertEquals("[11]", JSON.readTree(divided.body()).get("outputs").get(0).get("data").toString());
        HttpResponse<String> zero = http.post("/v2/models/div_in_loop/infer", request.formatted(0));
        assertEquals(400, zero.statusCode(), zero.body());
        assertTrue(zero.body().contains("node 'div_in_loop' (Div) in the body of node 'loop_1' (Loop)"), zero.body());
    }

    @Test
    void aZeroDivisorInsideAScanBodyIsReported() throws IOException {
        String request = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT16\",\"shape\":[2],\"data\":[17,-9]},"
                + "{\"name\":\"ys\",\"datatype\":\"INT16\",\"shape\":[2,2],\"data\":[%s]}]}";
        HttpResponse<String> ordinary = http.post("/v2/models/mod_in_scan/infer", request.formatted("5,4,2,3"));
        assertEquals(200, ordinary.statusCode(), ordinary.body());
        // 17 mod 5 = 2, 2 mod 2 = 0; -9 mod 4 = 3 (the divisor's sign), 3 mod 3 = 0
        assertEquals("[0,0]", JSON.readTree(ordinary.body()).get("outputs").get(0).get("data").toString());
        HttpResponse<String> zero = http.post("/v2/models/mod_in_scan/infer", request.formatted("5,4,0,3"));
        assertEquals(400, zero.statusCode(), zero.body());
        assertTrue(zero.body().contains("node 'mod_in_scan' (Mod) in the body of node 'scan_1' (Scan)"), zero.body());
    }

    @Test
    void aDivisionInsideAModelLocalFunctionIsGuardedWithTheTypesOfItsCall() throws IOException {
        JsonNode ordinary = infer("div_in_function", "UINT32", values("UINT32", "4294967295", "9"), values("UINT32", "2", "4"));
        assertEquals("[2147483647,2]", ordinary.get("data").toString(), ordinary.toString());
        JsonNode zero = infer("div_in_function", "UINT32", values("UINT32", "9"), values("UINT32", "0"));
        assertEquals(400, zero.get("status").asInt(), zero.toString());
        assertTrue(zero.get("error").asText().contains("integer division by zero (from input 'y')"), zero.toString());
        HttpResponse<String> floats = http.post("/v2/models/float_div_in_function/infer", "{\"inputs\":["
                + "{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]},"
                + "{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[0]}]}");
        assertEquals(200, floats.statusCode(), floats.body());
        assertEquals("[\"Infinity\"]", JSON.readTree(floats.body()).get("outputs").get(0).get("data").toString());
    }

    @Test
    void aConstantDivisorThatCannotTrapServesAsBefore() throws IOException {
        JsonNode answer = infer("div_by_three", "INT32", values("INT32", "10", "-10"), null);
        assertEquals(200, answer.get("status").asInt(), answer.toString());
        assertEquals("[3,-3]", answer.get("data").toString());
    }

    @Test
    void aConstantZeroDivisorLoadsWithoutTrappingAndEveryRequestIsRefused() throws IOException {
        // ONNX Runtime folds constants while loading: unguarded, this model killed the process there.
        http.await("/v2/models/div_by_constant_zero/ready");
        JsonNode answer = infer("div_by_constant_zero", "INT32", values("INT32", "10"), null);
        assertEquals(400, answer.get("status").asInt(), answer.toString());
        assertTrue(answer.get("error").asText().contains("integer division by zero"), answer.toString());
    }

    @Test
    void aDivisionModelDroppedIntoTheRunningServerServesAndIsGuarded() throws IOException {
        OnnxGraphs.deploy(models, "div_dropped_in", 1, OnnxGraphs.binary("Div", OnnxGraphs.INT32, 13));
        http.await("/v2/models/div_dropped_in/ready");
        JsonNode zero = infer("div_dropped_in", "INT32", values("INT32", "1"), values("INT32", "0"));
        assertEquals(400, zero.get("status").asInt(), zero.toString());
        JsonNode ordinary = infer("div_dropped_in", "INT32", values("INT32", "9"), values("INT32", "-2"));
        assertEquals("[-4]", ordinary.get("data").toString());
    }

    /** Runs {@code z = op(x, y)} (or {@code z = f(x)} when {@code y} is null): status, data or error. */
    private static JsonNode infer(String model, String type, List<BigInteger> x, List<BigInteger> y) throws IOException {
        String inputs = tensor("x", type, x) + (y == null ? "" : "," + tensor("y", type, y));
        HttpResponse<String> response = http.post("/v2/models/" + model + "/infer", "{\"inputs\":[" + inputs + "]}");
        JsonNode body = JSON.readTree(response.body());
        var result = JSON.createObjectNode().put("status", response.statusCode());
        if (response.statusCode() == 200) {
            result.set("data", body.get("outputs").get(0).get("data"));
        } else {
            result.put("error", body.get("error").asText());
        }
        return result;
    }

    private static String tensor(String name, String type, List<BigInteger> values) {
        return "{\"name\":\"" + name + "\",\"datatype\":\"" + type + "\",\"shape\":[" + values.size() + "],\"data\":"
                + values.stream().map(BigInteger::toString).collect(Collectors.joining(",", "[", "]")) + "}";
    }

    /** Values of {@code type}: decimal, "min" or "max"; negative ones wrap for unsigned types. */
    private static List<BigInteger> values(String type, String... texts) {
        List<BigInteger> values = new ArrayList<>();
        for (String text : texts) {
            BigInteger value = switch (text) {
                case "min" -> min(type);
                case "max" -> max(type);
                default -> new BigInteger(text);
            };
            values.add(wrap(type, value));
        }
        return values;
    }

    /** ONNX's results, computed exactly: Div truncates toward zero; Mod (fmod 0) takes the divisor's sign. */
    private static String expected(String op, String type, List<BigInteger> x, List<BigInteger> y) {
        List<String> results = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            BigInteger a = x.get(i);
            BigInteger b = y.get(i);
            BigInteger result = op.equals("Div") ? a.divide(b) : a.subtract(floorDivide(a, b).multiply(b));
            results.add(wrap(type, result).toString());
        }
        return results.stream().collect(Collectors.joining(",", "[", "]"));
    }

    private static BigInteger floorDivide(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && qr[1].signum() != b.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static int bits(String type) {
        return Integer.parseInt(type.replaceAll("[^0-9]", ""));
    }

    private static BigInteger min(String type) {
        return type.startsWith("U") ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits(type) - 1).negate();
    }

    private static BigInteger max(String type) {
        return BigInteger.ONE.shiftLeft(type.startsWith("U") ? bits(type) : bits(type) - 1).subtract(BigInteger.ONE);
    }

    /** {@code value} modulo 2^bits, in the type's range. */
    private static BigInteger wrap(String type, BigInteger value) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits(type));
        BigInteger wrapped = value.mod(modulus);
        return wrapped.compareTo(max(type)) > 0 ? wrapped.subtract(modulus) : wrapped;
    }
}
