package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;
import dev.foresight.serving.testing.OnnxGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading through DJL and computing on its ONNX Runtime session (fails if a DJL upgrade hides the session). */
class DjlOnnxModelLoaderTest {
    @TempDir
    Path root;

    private final DjlOnnxModelLoader loader = new DjlOnnxModelLoader();

    @Test
    void readsTheGraphsInputsAndOutputsWithDynamicDimensions() {
        Path file = OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        try (ModelSession session = loader.load(file, SessionSettings.DEFAULT)) {
            assertEquals(List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 2})), session.inputs());
            assertEquals(List.of("sum", "doubled"), session.outputs().stream().map(TensorSpec::name).toList());
            Tensor x = new Tensor("x", Datatype.FP32, new long[] {1, 2}, new float[] {1, 2});
            assertArrayEquals(new float[] {2, 4}, (float[]) session.run(Map.of("x", x), List.of("doubled")).get(0).data());
        }
    }

    @Test
    void optionalInputsAreListedAndDefaulted() {
        Path file = OnnxGraphs.deploy(root, "add_default", 1, OnnxGraphs.addWithDefault(3));
        try (ModelSession session = loader.load(file, SessionSettings.DEFAULT)) {
            assertTrue(session.inputs().contains(new TensorSpec("c", Datatype.FP32, new long[] {1}, true)));
            Tensor x = new Tensor("x", Datatype.FP32, new long[] {1, 2}, new float[] {1, 2});
            assertArrayEquals(new float[] {4, 5}, (float[]) session.run(Map.of("x", x), List.of("sum")).get(0).data());
        }
    }

    /**
     * Inputs share one reused native buffer per thread: calls of growing size (past the buffer, and
     * past what is pooled at all), two inputs in one call and the shared default must not see each
     * other's numbers.
     */
    @Test
    void inputsOfSuccessiveCallsOnOneThreadDoNotMix() {
        Path file = OnnxGraphs.deploy(root, "add_default", 1, OnnxGraphs.addWithDefault(3));
        try (ModelSession session = loader.load(file, SessionSettings.DEFAULT)) {
            for (int rows : new int[] {1, 10_000, 3, 200_000, 20_000, 2}) {
                float[] values = new float[rows * 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows + i;
                }
                Tensor x = new Tensor("x", Datatype.FP32, new long[] {rows, 2}, values);
                float c = -rows;
                Tensor given = new Tensor("c", Datatype.FP32, new long[] {1}, new float[] {c});
                float[] withC = (float[]) session.run(Map.of("x", x, "c", given), List.of("sum")).get(0).data();
                float[] withDefault = (float[]) session.run(Map.of("x", x), List.of("sum")).get(0).data();
                for (int i = 0; i < values.length; i++) {
                    assertEquals(values[i] + c, withC[i], "rows " + rows + ", element " + i);
                    assertEquals(values[i] + 3, withDefault[i], "rows " + rows + ", element " + i);
                }
            }
        }
    }

    /** DJL's Criteria loader would scan these jars for BlockFactory classes and run them. */
    @Test
    void jarsBesideTheModelAreNeverLoaded() throws Exception {
        Path file = OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(1));
        Path djlJar = Path.of(ai.djl.Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(djlJar, file.resolveSibling("blocks.jar"));
        try (ModelSession session = loader.load(file, SessionSettings.DEFAULT)) {
            assertEquals(2, session.outputs().size());
        }
    }

    @Test
    void aFileThatIsNotAModelIsAModelLoadException() throws Exception {
        Path file = Files.writeString(root.resolve("model.onnx"), "not a model");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> loader.load(file, SessionSettings.DEFAULT));
        assertTrue(e.getMessage().startsWith("not a valid ONNX model"), e.getMessage());
    }

    @Test
    void aMissingFileIsAModelLoadException() {
        assertThrows(ModelLoadException.class, () -> loader.load(root.resolve("nothing.onnx"), SessionSettings.DEFAULT));
    }

    @Test
    void sessionSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SessionSettings(0, 1, "ALL_OPT"));
        assertThrows(IllegalArgumentException.class, () -> new SessionSettings(1, 1, "FAST"));
    }
}
