package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.HashSet;
import java.util.Set;

/** New value and node names for a model, none of which it already uses anywhere (subgraphs included). */
final class GraphNames {
    private final Set<String> taken = new HashSet<>();
    private final String prefix;
    private int counter;

    GraphNames(ModelProto model, String prefix) {
        this.prefix = prefix;
        collect(model.getGraph());
    }

    private void collect(GraphProto graph) {
        graph.getInputList().stream().map(ValueInfoProto::getName).forEach(taken::add);
        graph.getOutputList().stream().map(ValueInfoProto::getName).forEach(taken::add);
        graph.getValueInfoList().stream().map(ValueInfoProto::getName).forEach(taken::add);
        graph.getInitializerList().stream().map(TensorProto::getName).forEach(taken::add);
        for (NodeProto node : graph.getNodeList()) {
            taken.add(node.getName());
            taken.addAll(node.getInputList());
            taken.addAll(node.getOutputList());
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    collect(attribute.getG());
                }
                attribute.getGraphsList().forEach(this::collect);
            }
        }
    }

    /** A name no value or node of the model has, built from {@code hint}. */
    String fresh(String hint) {
        String name;
        do {
            name = prefix + "/" + hint + "/" + counter++;
        } while (!taken.add(name));
        return name;
    }
}
