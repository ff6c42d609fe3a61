package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.ModelProto;

/** One change made to a model before the runtime loads it; {@link GraphRewriter} runs them in turn. */
interface GraphRewrite {

    /**
     * @param model the model as the rewrites before this one left it
     * @param plan  receives what a session needs to know of this change
     * @return the model changed, or {@code model} itself when there is nothing to change
     * @throws GraphRewriteException when the model cannot be prepared, saying why
     */
    ModelProto apply(ModelProto model, RewritePlan plan);
}
