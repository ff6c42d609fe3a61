package dev.foresight.serving.inference;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.foresight.serving.inference.graph.GraphRewriteException;
import dev.foresight.serving.inference.graph.TypeProbe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Asks ONNX Runtime for the element types of values: the values become extra graph outputs
 * without a declared type, and a session made with every optimisation off (so no constant is
 * folded, no kernel runs) reports the types it inferred for them.
 */
final class OrtTypeProbe implements TypeProbe {
    private final Path file;

    /** @param file the model file being loaded (its folder holds any external data) */
    OrtTypeProbe(Path file) {
        this.file = file;
    }

    @Override
    public Map<String, Integer> elementTypes(ModelProto model, Set<String> values) {
        ModelProto.Builder probe = model.toBuilder();
        values.forEach(value -> probe.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(value)));
        Map<String, Integer> types = new HashMap<>();
        try (StagedModel staged = StagedModel.of(probe.build(), file);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(staged.file().toString(), options)) {
                for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
                    if (values.contains(output.getKey()) && output.getValue().getInfo() instanceof TensorInfo info) {
                        types.put(output.getKey(), info.onnxType.value);
                    }
                }
            }
        } catch (OrtException e) {
            throw new GraphRewriteException(DjlOnnxModelLoader.rootMessage(e), e);
        } catch (IOException e) {
            throw new GraphRewriteException("cannot stage the model to read its element types: " + e.getMessage(), e);
        }
        return types;
    }
}
