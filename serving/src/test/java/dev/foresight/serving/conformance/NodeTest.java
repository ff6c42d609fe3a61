package dev.foresight.serving.conformance;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One ONNX backend node test: {@code <name>/model.onnx} and its data sets
 * {@code test_data_set_*}, each with {@code input_N.pb} for the graph's N-th input (inputs with
 * an initializer left out) and {@code output_N.pb} for its N-th output.
 */
record NodeTest(String name, Path model, List<String> inputs, List<Integer> inputTypes, List<String> outputs,
                List<Integer> outputTypes, boolean random, List<Path> dataSets) {
    /** ONNX element types that are V2 datatypes. */
    private static final Set<Integer> PROTOCOL_TYPES = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16);

    /**
     * Operators whose outputs are random (and Dropout in training mode): their expected outputs
     * are one draw, which no other run repeats.
     */
    private static final Set<String> RANDOM = Set.of("Bernoulli", "RandomUniform", "RandomUniformLike", "RandomNormal",
            "RandomNormalLike", "Multinomial");


    /** Every test in {@code folder} that has a model, sorted by name. */
    static List<NodeTest> all(Path folder) throws IOException {
        try (Stream<Path> tests = Files.list(folder)) {
            return tests.filter(test -> Files.isRegularFile(test.resolve("model.onnx"))).sorted()
                    .map(NodeTest::read).toList();
        }
    }

    private static NodeTest read(Path folder) {
        try {
            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(folder.resolve("model.onnx")));
            GraphProto graph = model.getGraph();
            Set<String> initialized = graph.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
            List<ValueInfoProto> inputs = graph.getInputList().stream()
                    .filter(input -> !initialized.contains(input.getName())).toList();
            boolean random = Stream.concat(graph.getNodeList().stream(),
                            model.getFunctionsList().stream().flatMap(f -> f.getNodeList().stream()))
                    .anyMatch(node -> RANDOM.contains(node.getOpType()) || node.getOpType().equals("Dropout")
                            && node.getInputCount() > 2 && !node.getInput(2).isEmpty()); // training mode drops at random
            try (Stream<Path> sets = Files.list(folder)) {
                List<Path> dataSets = sets.filter(set -> set.getFileName().toString().startsWith("test_data_set_"))
                        .sorted().toList();
                return new NodeTest(folder.getFileName().toString(), folder.resolve("model.onnx"),
                        inputs.stream().map(ValueInfoProto::getName).toList(), elementTypes(inputs),
                        graph.getOutputList().stream().map(ValueInfoProto::getName).toList(),
                        elementTypes(graph.getOutputList()), random, dataSets);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether every input and output is a tensor of a datatype the protocol defines. */
    boolean protocolTypesOnly() {
        return PROTOCOL_TYPES.containsAll(inputTypes) && PROTOCOL_TYPES.containsAll(outputTypes);
    }

    private static List<Integer> elementTypes(List<ValueInfoProto> values) {
        return values.stream().map(v -> v.getType().getTensorType().getElemType()).toList();
    }

    /** The {@code input_N.pb} files of a data set, in order. */
    static List<Path> inputFiles(Path dataSet) throws IOException {
        return numbered(dataSet, "input_");
    }

    /** The {@code output_N.pb} files of a data set, in order. */
    static List<Path> outputFiles(Path dataSet) throws IOException {
        return numbered(dataSet, "output_");
    }

    private static List<Path> numbered(Path dataSet, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dataSet)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".pb"))
                    .sorted((a, b) -> Integer.compare(number(a, prefix), number(b, prefix))).toList();
        }
    }

    private static int number(Path file, String prefix) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(prefix.length(), name.length() - ".pb".length()));
    }
}
