package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses, with a reason that names it, a model with an input or output the Open Inference
 * Protocol cannot carry: a sequence, a map or an optional value, or a tensor of an element type
 * the protocol lacks (complex, 8-bit and 4-bit floats, 4-bit integers). It changes nothing.
 */
final class ProtocolTypes implements GraphRewrite {

    @Override
    public ModelProto apply(ModelProto model, RewritePlan plan) {
        GraphProto graph = model.getGraph();
        Set<String> initialized = graph.getInitializerList().stream().map(i -> i.getName()).collect(Collectors.toSet());
        for (ValueInfoProto input : graph.getInputList()) {
            if (!initialized.contains(input.getName())) {
                check("input", input);
            }
        }
        for (ValueInfoProto output : graph.getOutputList()) {
            check("output", output);
        }
        return model;
    }

    private static void check(String kind, ValueInfoProto value) {
        TypeProto type = value.getType();
        String what = switch (type.getValueCase()) {
            case TENSOR_TYPE -> {
                int element = type.getTensorType().getElemType();
                yield element == 0 || ElementTypes.datatype(element).isPresent() ? null
                        : "a tensor of " + ElementTypes.name(element);
            }
            case SEQUENCE_TYPE -> "a sequence";
            case MAP_TYPE -> "a map";
            case OPTIONAL_TYPE -> "an optional value";
            case SPARSE_TENSOR_TYPE -> "a sparse tensor";
            default -> null;
        };
        if (what != null) {
            throw new GraphRewriteException(kind + " '" + value.getName() + "' is " + what
                    + ", which the Open Inference Protocol cannot carry");
        }
    }
}
