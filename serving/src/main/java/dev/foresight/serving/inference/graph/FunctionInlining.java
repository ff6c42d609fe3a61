package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces each call of a model-local function that divides (a {@code Div} or {@code Mod} in its
 * body, or in a function it calls) by the function's body, as ONNX Runtime does when it loads the
 * model, so that {@link DivisionGuards} sees the division with the types of its call. Values
 * inside get names of their own per call; attributes that refer to the call's ({@code
 * ref_attr_name}) take its value or the function's default. Functions that do not divide stay
 * as they are.
 */
final class FunctionInlining {
    private FunctionInlining() {
    }

    /** The model with the calls of dividing functions expanded; {@code model} itself when there are none. */
    static ModelProto inline(ModelProto model) {
        Map<String, FunctionProto> functions = new HashMap<>();
        model.getFunctionsList().forEach(function -> functions.put(key(function.getDomain(), function.getName()), function));
        Map<String, FunctionProto> dividing = new HashMap<>();
        functions.forEach((key, function) -> {
            if (divides(function.getNodeList(), functions, new java.util.HashSet<>())) {
                dividing.put(key, function);
            }
        });
        if (dividing.isEmpty()) {
            return model;
        }
        long opset = OnnxNodes.opset(model);
        for (FunctionProto function : dividing.values()) {
            long own = function.getOpsetImportList().stream()
                    .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                    .mapToLong(OperatorSetIdProto::getVersion).max().orElse(opset);
            if (own != opset) {
                throw new GraphRewriteException("function '" + function.getName() + "' divides at opset " + own
                        + " of the model's opset " + opset + "; such a division cannot be guarded against a zero divisor");
            }
        }
        Expander expander = new Expander(dividing, new GraphNames(model, "foresight/inline"));
        return model.toBuilder().setGraph(expander.graph(model.getGraph())).build();
    }

    private static String key(String domain, String name) {
        return domain + "::" + name;
    }

    private static boolean divides(List<NodeProto> nodes, Map<String, FunctionProto> functions, java.util.Set<String> seen) {
        for (NodeProto node : nodes) {
            if (DivisionGuarder.isDivision(node)) {
                return true;
            }
            FunctionProto called = functions.get(key(node.getDomain(), node.getOpType()));
            if (called != null && seen.add(key(called.getDomain(), called.getName()))
                    && divides(called.getNodeList(), functions, seen)) {
                return true;
            }
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG() && divides(attribute.getG().getNodeList(), functions, seen)
                        || attribute.getGraphsList().stream().anyMatch(g -> divides(g.getNodeList(), functions, seen))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Expands the calls of the dividing functions in graphs and in the bodies it expands. */
    private static final class Expander {
        private final Map<String, FunctionProto> dividing;
        private final GraphNames names;

        Expander(Map<String, FunctionProto> dividing, GraphNames names) {
            this.dividing = dividing;
            this.names = names;
        }

        GraphProto graph(GraphProto graph) {
            return graph.toBuilder().clearNode().addAllNode(nodes(graph.getNodeList(), Map.of())).build();
        }

        /** The nodes with {@code renames} applied and the dividing calls among them expanded. */
        private List<NodeProto> nodes(List<NodeProto> nodes, Map<String, String> renames) {
            List<NodeProto> expanded = new ArrayList<>();
            for (NodeProto original : nodes) {
                NodeProto node = renamed(original, renames);
                FunctionProto function = dividing.get(key(node.getDomain(), node.getOpType()));
                if (function == null) {
                    expanded.add(node);
                } else {
                    expanded.addAll(call(node, function));
                }
            }
            return expanded;
        }

        private NodeProto renamed(NodeProto node, Map<String, String> renames) {
            NodeProto.Builder copy = node.toBuilder().clearInput().clearOutput().clearAttribute();
            node.getInputList().forEach(input -> copy.addInput(renames.getOrDefault(input, input)));
            node.getOutputList().forEach(output -> copy.addOutput(renames.getOrDefault(output, output)));
            for (AttributeProto attribute : node.getAttributeList()) {
                AttributeProto.Builder a = attribute.toBuilder();
                if (attribute.hasG()) {
                    a.setG(subgraph(attribute.getG(), renames));
                }
                a.clearGraphs();
                attribute.getGraphsList().forEach(g -> a.addGraphs(subgraph(g, renames)));
                copy.addAttribute(a);
            }
            return copy.build();
        }

        private GraphProto subgraph(GraphProto graph, Map<String, String> renames) {
            return graph.toBuilder().clearNode().addAllNode(nodes(graph.getNodeList(), renames)).build();
        }

        /** The body of {@code function} for the call {@code call}. */
        private List<NodeProto> call(NodeProto call, FunctionProto function) {
            Map<String, String> renames = new HashMap<>();
            for (int i = 0; i < function.getInputCount(); i++) {
                renames.put(function.getInput(i), i < call.getInputCount() ? call.getInput(i) : "");
            }
            for (NodeProto node : function.getNodeList()) {
                for (String output : node.getOutputList()) {
                    if (!output.isEmpty()) {
                        renames.putIfAbsent(output, names.fresh(function.getName() + "/" + output));
                    }
                }
            }
            for (int i = 0; i < function.getOutputCount() && i < call.getOutputCount(); i++) {
                if (!call.getOutput(i).isEmpty()) {
                    renames.put(function.getOutput(i), call.getOutput(i));
                }
            }
            List<NodeProto> body = new ArrayList<>();
            for (NodeProto node : function.getNodeList()) {
                NodeProto.Builder bound = node.toBuilder().clearAttribute()
                        .setName(names.fresh((call.getName().isEmpty() ? function.getName() : call.getName()) + "/" + node.getName()));
                for (AttributeProto attribute : node.getAttributeList()) {
                    if (attribute.getRefAttrName().isEmpty()) {
                        bound.addAttribute(attribute);
                    } else {
                        reference(call, function, attribute.getRefAttrName())
                                .ifPresent(value -> bound.addAttribute(value.toBuilder().setName(attribute.getName())));
                    }
                }
                body.add(bound.build());
            }
            return nodes(body, renames);
        }

        /** The value of the call's attribute {@code name}, or the function's default for it. */
        private static java.util.Optional<AttributeProto> reference(NodeProto call, FunctionProto function, String name) {
            return call.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                    .or(() -> function.getAttributeProtoList().stream().filter(a -> a.getName().equals(name)).findFirst());
        }
    }
}
