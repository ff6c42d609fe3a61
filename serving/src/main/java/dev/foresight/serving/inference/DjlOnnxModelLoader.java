package dev.foresight.serving.inference;

import ai.djl.MalformedModelException;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads ONNX files through DJL's ONNX Runtime engine (which owns native library loading and
 * session options), then computes on the engine's {@link OrtSession} directly: DJL's NDList
 * path costs a fixed ~16 us and an NDManager per call, and cannot carry every datatype.
 *
 * <p>Graphs with optional inputs (inputs with an initializer) are rewritten first; see
 * {@link OptionalInputs}.
 *
 * <p>DJL does not expose the session of an {@link OrtSymbolBlock}; it is read from the block's
 * private {@code session} field once per load. {@code DjlOnnxModelLoaderTest} fails if a DJL
 * upgrade moves it.
 */
public final class DjlOnnxModelLoader implements ModelLoader {
    private static final Field SESSION_FIELD = sessionField();

    @Override
    public ModelSession load(Path file, SessionSettings settings) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("no model file at " + file, null);
        }
        Optional<OptionalInputs> optional = OptionalInputs.of(file);
        if (optional.isEmpty()) {
            return load(file, settings, null);
        }
        // A folder of its own: DJL looks around the model file's folder when it loads.
        Path folder = null;
        Path rewritten = null;
        try {
            folder = Files.createTempDirectory("foresight-model-");
            rewritten = folder.resolve("model.onnx");
            optional.get().writeRewritten(rewritten);
            return load(rewritten, settings, optional.get());
        } catch (IOException e) {
            throw new ModelLoadException("cannot rewrite the optional inputs of " + file.getFileName() + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(rewritten);
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }

    private ModelSession load(Path file, SessionSettings settings, OptionalInputs optional) {
        // Model.load on the file's folder, not Criteria: Criteria's loader scans the model folder for
        // jars with BlockFactory classes and runs them, which a model repository must never do.
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Model model = Model.newInstance(name, Device.cpu(), "OnnxRuntime");
        try {
            model.load(file.getParent(), name, Map.of(
                    "intraOpNumThreads", Integer.toString(settings.intraOpThreads()),
                    "interOpNumThreads", Integer.toString(settings.interOpThreads()),
                    "optLevel", settings.optimizationLevel()));
        } catch (MalformedModelException e) {
            model.close();
            throw new ModelLoadException("not a valid ONNX model: " + rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new ModelLoadException("cannot load " + file.getFileName() + ": " + rootMessage(e), e);
        }
        try {
            OrtSession session = (OrtSession) SESSION_FIELD.get(model.getBlock());
            return new OrtModelSession(session, model, optional);
        } catch (IllegalAccessException | RuntimeException e) {
            model.close();
            throw new ModelLoadException("cannot read the ONNX Runtime session of " + file, e);
        }
    }

    private static Field sessionField() {
        try {
            Field field = OrtSymbolBlock.class.getDeclaredField("session");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DJL version has no OrtSymbolBlock.session", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }
}
