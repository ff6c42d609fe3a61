package dev.foresight.serving.monitoring;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every profile.json under ../models reads, and names inputs and outputs its model.onnx has, of a fitting type. */
class ShippedProfilesTest {
    private static final Path MODELS = Path.of("../models");

    static Stream<Path> profiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MODELS)) {
            files = walk.filter(p -> p.getFileName().toString().equals(ReferenceProfile.FILE_NAME)).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no shipped profiles under " + MODELS);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void profileReadsAndFitsItsModel(Path file) throws IOException {
        ReferenceProfile profile = ProfileReader.parse(Files.readString(file));
        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file.resolveSibling("model.onnx"))).getGraph();
        Map<String, Integer> inputs = new HashMap<>();
        graph.getInputList().forEach(v -> inputs.put(v.getName(), v.getType().getTensorType().getElemType()));
        Map<String, Integer> outputs = new HashMap<>();
        graph.getOutputList().forEach(v -> outputs.put(v.getName(), v.getType().getTensorType().getElemType()));
        for (TensorProfile tensor : profile.tensors()) {
            Integer type = (tensor.role() == TensorProfile.Role.INPUT ? inputs : outputs).get(tensor.name());
            assertNotNull(type, file + ": the model has no " + tensor.role().label() + " '" + tensor.name() + "'");
            boolean floating = type == OnnxMl.TensorProto.DataType.FLOAT_VALUE || type == OnnxMl.TensorProto.DataType.DOUBLE_VALUE
                    || type == OnnxMl.TensorProto.DataType.FLOAT16_VALUE || type == OnnxMl.TensorProto.DataType.BFLOAT16_VALUE;
            boolean text = type == OnnxMl.TensorProto.DataType.STRING_VALUE;
            for (TensorProfile.Feature feature : tensor.features()) {
                if (feature.reference() instanceof NumericReference) {
                    assertFalse(text, file + ": " + tensor.name() + " is text, profiled as numbers");
                } else {
                    assertFalse(floating, file + ": " + tensor.name() + " is floating point, profiled as categories");
                }
            }
        }
        assertTrue(profile.tensors().stream().anyMatch(t -> t.role() == TensorProfile.Role.INPUT), file + " profiles no input");
        assertEquals(ReferenceProfile.FILE_NAME, file.getFileName().toString());
    }
}
