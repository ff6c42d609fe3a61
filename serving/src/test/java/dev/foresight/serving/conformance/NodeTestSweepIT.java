package dev.foresight.serving.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.serving.testing.Http;
import dev.foresight.serving.testing.OnnxGraphs;
import dev.foresight.serving.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ONNX backend node test (Debian's {@code libonnx-testdata}, which {@code .ci/run}
 * installs) deployed to the packaged server, a separate process so that a death is seen, not
 * suffered: each data set's inputs are sent over V2 JSON and the answer compared with the
 * expected outputs within ONNX's tolerances. A case ends served and correct, refused at load with
 * a reason, or answered 4xx with a reason; a death, a 5xx or a wrong answer fails the test. The
 * counts per outcome and every refused case are printed.
 */
class NodeTestSweepIT {
    private static final Path NODE_TESTS = Path.of(System.getProperty("foresight.onnx-node-tests",
            "/usr/share/libonnx-testdata/data/node"));
    private static final String TOKEN = "sweep";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a case ended. Two kinds of answer are not compared with the expected outputs: those of
     * random operators (their expected outputs are one draw; datatype and shape are compared), and
     * those where ONNX Runtime itself, asked directly in this JVM, computes exactly what the server
     * answered although that differs from ONNX's reference: the server cannot be more right than
     * its runtime.
     */
    enum Outcome { SERVED_CORRECT, SERVED_RANDOM, SERVED_AS_ORT_COMPUTES, REFUSED_AT_LOAD, ANSWERED_4XX,
        WRONG_ANSWER, SERVER_ERROR, DEATH }

    private record Result(String test, Outcome outcome, String detail) {
    }

    @Test
    void everyNodeTestIsServedCorrectlyOrRefusedWithAReason() throws Exception {
        assertTrue(Files.isDirectory(NODE_TESTS), "no ONNX node tests at " + NODE_TESTS
                + ": install Debian's libonnx-testdata (.ci/run does)");
        List<NodeTest> tests = NodeTest.all(NODE_TESTS);
        assertTrue(tests.size() > 500, "only " + tests.size() + " node tests in " + NODE_TESTS);
        Path models = OnnxGraphs.repository("foresight-node-tests");
        for (NodeTest test : tests) {
            OnnxGraphs.deploy(models, test.name(), 1, Files.readAllBytes(test.model()));
        }
        long started = System.nanoTime();
        List<Result> results = new ArrayList<>();
        ServerProcess server = start(models, tests.size());
        long loadedMillis = (System.nanoTime() - started) / 1_000_000;
        try {
            Map<String, String> refused = loadFailures(server);
            for (NodeTest test : tests) {
                if (refused.containsKey(test.name())) {
                    results.add(new Result(test.name(), Outcome.REFUSED_AT_LOAD, refused.get(test.name())));
                    continue;
                }
                for (Path dataSet : test.dataSets()) {
                    Result result = run(server, test, dataSet);
                    results.add(result);
                    if (result.outcome() == Outcome.DEATH) {
                        server.close();
                        server = start(models, tests.size());
                    }
                }
            }
        } finally {
            server.close();
        }
        long totalMillis = (System.nanoTime() - started) / 1_000_000;
        report(results, tests.size(), loadedMillis, totalMillis);
        for (Outcome bad : List.of(Outcome.DEATH, Outcome.SERVER_ERROR, Outcome.WRONG_ANSWER)) {
            assertEquals(List.of(), results.stream().filter(r -> r.outcome() == bad).toList(), bad.toString());
        }
        List<String> protocolTyped = tests.stream().filter(NodeTest::protocolTypesOnly).map(NodeTest::name).toList();
        assertEquals(List.of(), results.stream().filter(r -> r.outcome() == Outcome.REFUSED_AT_LOAD)
                .filter(r -> r.detail().contains("cannot carry") && protocolTyped.contains(r.test())).toList(),
                "refused for a datatype the protocol defines");
    }

    /** Starts the server and waits until its first scan has tried every model. */
    private static ServerProcess start(Path models, int count) throws Exception {
        ServerProcess server = ServerProcess.start(models, Map.of("FORESIGHT_ADMIN_TOKEN", TOKEN));
        Http http = new Http(server.url());
        while (true) {
            JsonNode index = JSON.readTree(http.post("/v2/repository/index", "{}", TOKEN).body());
            long tried = 0;
            for (JsonNode entry : index) {
                tried += entry.path("reason").asText().equals("no loadable version yet") ? 0 : 1;
            }
            if (index.size() >= count && tried == index.size()) {
                return server;
            }
            if (!server.process().isAlive()) {
                throw new AssertionError("the server died while loading the node tests:\n" + server.log());
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, String> loadFailures(ServerProcess server) throws IOException {
        Map<String, String> failures = new HashMap<>();
        JsonNode index = JSON.readTree(new Http(server.url()).post("/v2/repository/index", "{}", TOKEN).body());
        for (JsonNode entry : index) {
            if (!entry.path("state").asText().equals("READY")) {
                failures.put(entry.path("name").asText(), entry.path("reason").asText());
            }
        }
        return failures;
    }

    private static Result run(ServerProcess server, NodeTest test, Path dataSet) throws Exception {
        String name = test.name() + "/" + dataSet.getFileName();
        ObjectNode request = JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        List<TensorFile> inputTensors = new ArrayList<>();
        List<Path> inputFiles = NodeTest.inputFiles(dataSet);
        for (int i = 0; i < inputFiles.size(); i++) {
            inputTensors.add(TensorFile.read(inputFiles.get(i), test.inputTypes().get(i)));
            inputs.add(inputTensors.get(i).toInput(test.inputs().get(i)));
        }
        HttpResponse<String> response;
        try {
            response = new Http(server.url()).post("/v2/models/" + test.name() + "/infer", JSON.writeValueAsBytes(request));
        } catch (UncheckedIOException e) {
            return new Result(name, Outcome.DEATH, e.getMessage() + "\n" + tail(server.log()));
        }
        if (!server.process().isAlive()) {
            return new Result(name, Outcome.DEATH, tail(server.log()));
        }
        int status = response.statusCode();
        if (status >= 500) {
            return new Result(name, Outcome.SERVER_ERROR, status + " " + response.body());
        }
        if (status >= 400) {
            return new Result(name, Outcome.ANSWERED_4XX, status + " " + JSON.readTree(response.body()).path("error").asText());
        }
        List<JsonNode> answers = new ArrayList<>();
        List<TensorFile> expected = new ArrayList<>();
        List<Path> outputFiles = NodeTest.outputFiles(dataSet);
        for (int i = 0; i < outputFiles.size(); i++) {
            String output = test.outputs().get(i);
            JsonNode answer = null;
            for (JsonNode candidate : JSON.readTree(response.body()).path("outputs")) {
                answer = candidate.path("name").asText().equals(output) ? candidate : answer;
            }
            if (answer == null) {
                return new Result(name, Outcome.WRONG_ANSWER, "no output '" + output + "'");
            }
            answers.add(answer);
            expected.add(TensorFile.read(outputFiles.get(i), test.outputTypes().get(i)));
        }
        String mismatch = mismatch(test, expected, answers, false);
        if (mismatch == null) {
            return new Result(name, Outcome.SERVED_CORRECT, "");
        }
        if (test.random()) {
            String shapes = shapeMismatch(test, expected, answers);
            return shapes == null ? new Result(name, Outcome.SERVED_RANDOM, mismatch)
                    : new Result(name, Outcome.WRONG_ANSWER, shapes);
        }
        var reference = OrtReference.compute(test.model(), test.inputs(), inputTensors,
                test.outputs().subList(0, outputFiles.size()));
        if (reference.isPresent() && mismatch(test, reference.get(), answers, true) == null) {
            return new Result(name, Outcome.SERVED_AS_ORT_COMPUTES, mismatch);
        }
        return new Result(name, Outcome.WRONG_ANSWER, mismatch + (reference.isEmpty() ? " (ONNX Runtime not asked)"
                : "; ONNX Runtime itself: " + mismatch(test, reference.get(), answers, true)));
    }

    private static String mismatch(NodeTest test, List<TensorFile> expected, List<JsonNode> answers, boolean exact) {
        for (int i = 0; i < expected.size(); i++) {
            String problem = expected.get(i).mismatch(answers.get(i), exact);
            if (problem != null) {
                return "output '" + test.outputs().get(i) + "': " + problem;
            }
        }
        return null;
    }

    /** For random outputs: whether the datatypes and shapes differ. */
    private static String shapeMismatch(NodeTest test, List<TensorFile> expected, List<JsonNode> answers) {
        for (int i = 0; i < expected.size(); i++) {
            String problem = expected.get(i).mismatch(answers.get(i), false);
            if (problem != null && !problem.startsWith("element ")) {
                return "output '" + test.outputs().get(i) + "': " + problem;
            }
        }
        return null;
    }

    private static void report(List<Result> results, int tests, long loadedMillis, long totalMillis) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, results.stream().filter(r -> r.outcome() == outcome).count());
        }
        StringBuilder text = new StringBuilder("\nONNX node test sweep: ").append(tests).append(" models, ")
                .append(results.size()).append(" cases; first scan ").append(loadedMillis / 1000).append(" s, all ")
                .append(totalMillis / 1000).append(" s\n| outcome | cases |\n| --- | ---: |\n");
        counts.forEach((outcome, count) -> text.append("| ").append(outcome.name().toLowerCase().replace('_', ' '))
                .append(" | ").append(count).append(" |\n"));
        for (Outcome listed : List.of(Outcome.SERVED_RANDOM, Outcome.SERVED_AS_ORT_COMPUTES, Outcome.REFUSED_AT_LOAD,
                Outcome.ANSWERED_4XX, Outcome.WRONG_ANSWER, Outcome.SERVER_ERROR, Outcome.DEATH)) {
            List<Result> cases = results.stream().filter(r -> r.outcome() == listed).toList();
            if (!cases.isEmpty()) {
                text.append("\n").append(listed.name().toLowerCase().replace('_', ' ')).append(":\n");
                cases.forEach(r -> text.append("- ").append(r.test()).append(": ").append(abbreviate(r.detail())).append('\n'));
            }
        }
        System.out.println(text);
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 220 ? line : line.substring(0, 220) + "...";
    }

    private static String tail(String log) {
        return log.lines().skip(Math.max(0, log.lines().count() - 30)).collect(Collectors.joining("\n"));
    }
}
