package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which values of a main graph feed which: the graph inputs a value is computed from, and the
 * graph outputs computed from a value. A node with subgraphs reads every outer value its
 * subgraphs use.
 */
final class GraphReach {
    private final List<NodeProto> nodes;
    /** By node index: the node's inputs and the outer values its subgraphs use. */
    private final List<Set<String>> reads = new ArrayList<>();
    private final Map<String, Integer> producers = new HashMap<>();
    private final Set<String> inputs = new LinkedHashSet<>();
    private final List<String> outputs;

    GraphReach(GraphProto graph) {
        graph.getInputList().stream().map(ValueInfoProto::getName).forEach(inputs::add);
        outputs = graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
        nodes = graph.getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            nodes.get(i).getOutputList().forEach(output -> producers.put(output, index));
            Set<String> read = new HashSet<>();
            collectReads(nodes.get(i), read);
            reads.add(read);
        }
    }

    private static void collectReads(NodeProto node, Set<String> read) {
        read.addAll(node.getInputList());
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.hasG()) {
                attribute.getG().getNodeList().forEach(inner -> collectReads(inner, read));
            }
            attribute.getGraphsList().forEach(g -> g.getNodeList().forEach(inner -> collectReads(inner, read)));
        }
    }

    /** The graph inputs {@code value} is computed from, in graph order. */
    Set<String> inputsOf(String value) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(value));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            Integer producer = producers.get(next);
            if (producer != null) {
                pending.addAll(reads.get(producer));
            }
        }
        Set<String> found = new LinkedHashSet<>(inputs);
        found.retainAll(seen);
        return found;
    }

    /** The graph outputs computed from any of {@code values} (a value that is an output included). */
    Set<String> outputsFrom(Collection<String> values) {
        Set<String> reached = new HashSet<>(values);
        // Nodes are in topological order, so one pass reaches everything downstream.
        for (int i = 0; i < nodes.size(); i++) {
            if (reads.get(i).stream().anyMatch(reached::contains)) {
                reached.addAll(nodes.get(i).getOutputList());
            }
        }
        Set<String> found = new LinkedHashSet<>(outputs);
        found.retainAll(reached);
        return found;
    }
}
