package dev.foresight.serving.inference;

import ai.djl.MalformedModelException;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.onnxruntime.OrtSession;
import dev.foresight.serving.inference.graph.GraphRewriteException;
import dev.foresight.serving.inference.graph.GraphRewriter;
import dev.foresight.serving.inference.graph.RewrittenModel;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads ONNX files through DJL's ONNX Runtime engine (which owns native library loading and
 * session options), then computes on the engine's {@link OrtSession} directly: DJL's NDList
 * path costs a fixed ~16 us and an NDManager per call, and cannot carry every datatype.
 *
 * <p>Every file goes through the {@link GraphRewriter} first (optional inputs, unsigned inputs,
 * integer division guards); a model it changes is loaded from a staged copy.
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
        RewrittenModel rewritten;
        try {
            rewritten = new GraphRewriter(new OrtTypeProbe(file)).rewrite(file);
        } catch (GraphRewriteException e) {
            throw new ModelLoadException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException("cannot prepare the graph of " + file.getFileName() + ": " + rootMessage(e), e);
        }
        if (rewritten.rewritten().isEmpty()) {
            return load(file, settings, rewritten);
        }
        try (StagedModel staged = StagedModel.of(rewritten.rewritten().get(), file)) {
            return load(staged.file(), settings, rewritten);
        } catch (IOException e) {
            throw new ModelLoadException("cannot stage the rewritten graph of " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    private ModelSession load(Path file, SessionSettings settings, RewrittenModel rewritten) {
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
        OrtSession session;
        try {
            session = (OrtSession) SESSION_FIELD.get(model.getBlock());
        } catch (IllegalAccessException | RuntimeException e) {
            model.close();
            throw new ModelLoadException("cannot read the ONNX Runtime session of " + file, e);
        }
        return new OrtModelSession(session, model, rewritten); // closes the model if it cannot be built
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
