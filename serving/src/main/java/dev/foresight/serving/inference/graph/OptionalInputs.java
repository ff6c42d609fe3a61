package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Graph inputs that have an initializer, which a caller may feed or leave at their default.
 *
 * <p>ONNX Runtime's Java API neither lists such inputs nor lets them be fed (it accepts only as
 * many inputs as the graph has required ones). So the initializers behind inputs are removed,
 * which makes the inputs required for the runtime, and the session feeds the removed defaults
 * whenever a request leaves them out.
 */
final class OptionalInputs implements GraphRewrite {

    @Override
    public ModelProto apply(ModelProto model, RewritePlan plan) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(initializer -> initializers.put(initializer.getName(), initializer));
        Set<String> optional = new HashSet<>();
        for (ValueInfoProto input : graph.getInputList()) {
            TensorProto initializer = initializers.get(input.getName());
            if (initializer == null || !input.getType().hasTensorType()) {
                continue;
            }
            Tensor fallback = TensorProtos.read(input.getName(), initializer).orElseThrow(() -> new GraphRewriteException(
                    "optional input '" + input.getName() + "' has a default of element type "
                            + ElementTypes.name(initializer.getDataType()) + " that cannot be read"));
            optional.add(input.getName());
            plan.defaults.put(input.getName(), fallback);
            plan.optionalInputs.add(new TensorSpec(input.getName(), fallback.datatype(),
                    shape(input.getType().getTensorType().getShape()), true));
        }
        if (optional.isEmpty()) {
            return model;
        }
        GraphProto.Builder stripped = graph.toBuilder().clearInitializer();
        graph.getInitializerList().stream().filter(i -> !optional.contains(i.getName())).forEach(stripped::addInitializer);
        return model.toBuilder().setGraph(stripped).build();
    }

    private static long[] shape(TensorShapeProto shape) {
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension dim = shape.getDim(i);
            dims[i] = dim.hasDimValue() ? dim.getDimValue() : -1;
        }
        return dims;
    }
}
