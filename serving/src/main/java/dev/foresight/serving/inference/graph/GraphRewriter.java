package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a model file for ONNX Runtime in one pass over its graph, applying in turn:
 * <ol>
 *   <li>{@link ProtocolTypes}: inputs and outputs must be tensors the protocol carries;</li>
 *   <li>{@link OptionalInputs}: inputs with a default become required for the runtime;</li>
 *   <li>{@link UnsignedInputs}: UINT16/32/64 inputs are fed as signed ones and cast back;</li>
 *   <li>{@link DivisionGuards}: no integer Div or Mod can trap (in model-local functions too,
 *       whose calls {@link FunctionInlining} expands first).</li>
 * </ol>
 * A model none of them changes is loaded from its file as it is.
 */
public final class GraphRewriter {
    private final List<GraphRewrite> rewrites;

    /** @param probe asks the runtime for element types the graph leaves unstated */
    public GraphRewriter(TypeProbe probe) {
        this.rewrites = List.of(new ProtocolTypes(), new OptionalInputs(), new UnsignedInputs(), new DivisionGuards(probe));
    }

    /**
     * Reads and rewrites {@code file}.
     *
     * @throws GraphRewriteException when the file is not an ONNX model or cannot be prepared
     */
    public RewrittenModel rewrite(Path file) {
        ModelProto original;
        try (InputStream in = Files.newInputStream(file)) {
            original = ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new GraphRewriteException("not a valid ONNX model: " + e.getMessage(), e);
        }
        RewritePlan plan = new RewritePlan();
        ModelProto model = original;
        for (GraphRewrite rewrite : rewrites) {
            model = rewrite.apply(model, plan);
        }
        return new RewrittenModel(model == original ? Optional.empty() : Optional.of(model), plan.defaults,
                plan.optionalInputs, plan.retypedInputs, plan.guards);
    }
}
