package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings the guard counts of a node's subgraphs out as extra outputs of the node, so that the
 * main graph can report them: for {@code If}, an extra output of both branches (zero on the branch
 * that lacks the guarded node); for {@code Loop} and {@code Scan} (opset 9 on), an extra
 * loop-carried INT64 that adds each iteration's count, starting at zero. Other operators (and
 * {@code Scan} before opset 9, whose state has a batch dimension) cannot carry them: their
 * divisions are guarded but not reported.
 */
final class SubgraphCounts {
    private SubgraphCounts() {
    }

    /**
     * @param rewritten the node with its guarded subgraphs, to extend
     * @param original  the node as it was (its outputs are what the counts concern)
     * @param bodies    the guarded subgraphs by attribute name
     * @param zero      an INT64 scalar zero visible from the node's graph
     * @param flags     receives the node's new outputs as counts of its graph
     */
    static NodeProto bringOut(NodeProto.Builder rewritten, NodeProto original, Map<String, DivisionGuarder.Guarded> bodies,
                              long opset, GraphNames names, String zero, List<DivisionGuarder.Flag> flags) {
        List<DivisionGuarder.Flag> inner = new ArrayList<>();
        bodies.values().forEach(body -> inner.addAll(body.flags()));
        switch (original.getOpType()) {
            case "If" -> {
                GraphProto.Builder then = bodies.get("then_branch").graph().toBuilder();
                GraphProto.Builder otherwise = bodies.get("else_branch").graph().toBuilder();
                padOutputs(rewritten, then.getOutputCount());
                for (DivisionGuarder.Flag flag : bodies.get("then_branch").flags()) {
                    then.addOutput(OnnxNodes.int64Scalar(flag.value()));
                    otherwise.addOutput(OnnxNodes.int64Scalar(identity(otherwise, zero, names)));
                }
                for (DivisionGuarder.Flag flag : bodies.get("else_branch").flags()) {
                    then.addOutput(OnnxNodes.int64Scalar(identity(then, zero, names)));
                    otherwise.addOutput(OnnxNodes.int64Scalar(flag.value()));
                }
                replaceGraph(rewritten, "then_branch", then.build());
                replaceGraph(rewritten, "else_branch", otherwise.build());
                for (DivisionGuarder.Flag flag : inner) {
                    rewritten.addOutput(outer(flag, original, names, flags));
                }
            }
            case "Loop" -> {
                int carried = original.getInputCount() - 2;
                GraphProto body = carry(bodies.get("body"), 1 + carried, carried + 2, names);
                replaceGraph(rewritten, "body", body);
                padOutputs(rewritten, carried);
                int position = carried;
                for (DivisionGuarder.Flag flag : inner) {
                    rewritten.addInput(zero);
                    insertOutput(rewritten, position++, outer(flag, original, names, flags));
                }
            }
            case "Scan" -> {
                if (opset < 9) {
                    break;
                }
                long scanInputs = ValueTypes.attribute(original, "num_scan_inputs").map(AttributeProto::getI).orElse(0L);
                int states = original.getInputCount() - (int) scanInputs;
                GraphProto body = carry(bodies.get("body"), states, states, names);
                replaceGraph(rewritten, "body", body);
                padOutputs(rewritten, states);
                List<String> inputs = new ArrayList<>(rewritten.getInputList());
                for (int i = 0; i < inner.size(); i++) {
                    inputs.add(states + i, zero);
                    insertOutput(rewritten, states + i, outer(inner.get(i), original, names, flags));
                }
                rewritten.clearInput().addAllInput(inputs);
            }
            default -> {
            }
        }
        return rewritten.build();
    }

    /**
     * The body with one running sum per flag: an INT64 scalar input at {@code inputAt} (and on),
     * added to the flag's count and given out at {@code outputAt} (and on).
     */
    private static GraphProto carry(DivisionGuarder.Guarded guarded, int outputAt, int inputAt, GraphNames names) {
        GraphProto.Builder body = guarded.graph().toBuilder();
        List<ValueInfoProto> inputs = new ArrayList<>(body.getInputList());
        List<ValueInfoProto> outputs = new ArrayList<>(body.getOutputList());
        int offset = 0;
        for (DivisionGuarder.Flag flag : guarded.flags()) {
            String before = names.fresh("sum");
            String after = names.fresh("sum");
            inputs.add(Math.min(inputAt + offset, inputs.size()), OnnxNodes.int64Scalar(before));
            body.addNode(OnnxNodes.node("Add", names.fresh("Add"), new String[] {before, flag.value()}, after));
            outputs.add(Math.min(outputAt + offset, outputs.size()), OnnxNodes.int64Scalar(after));
            offset++;
        }
        return body.clearInput().addAllInput(inputs).clearOutput().addAllOutput(outputs).build();
    }

    private static String identity(GraphProto.Builder graph, String value, GraphNames names) {
        String output = names.fresh("zero");
        graph.addNode(OnnxNodes.node("Identity", names.fresh("Identity"), new String[] {value}, output));
        return output;
    }

    /** A new output of the node for an inner count, recorded as a count of the node's graph. */
    private static String outer(DivisionGuarder.Flag flag, NodeProto original, GraphNames names,
                                List<DivisionGuarder.Flag> flags) {
        String output = names.fresh("count");
        flags.add(new DivisionGuarder.Flag(output, true, flag.node(), flag.message(), List.of(),
                original.getOutputList().stream().filter(o -> !o.isEmpty()).toList()));
        return output;
    }

    private static void padOutputs(NodeProto.Builder node, int count) {
        while (node.getOutputCount() < count) {
            node.addOutput("");
        }
    }

    private static void insertOutput(NodeProto.Builder node, int position, String output) {
        List<String> outputs = new ArrayList<>(node.getOutputList());
        outputs.add(position, output);
        node.clearOutput().addAllOutput(outputs);
    }

    private static void replaceGraph(NodeProto.Builder node, String attribute, GraphProto graph) {
        for (int i = 0; i < node.getAttributeCount(); i++) {
            if (node.getAttribute(i).getName().equals(attribute)) {
                node.setAttribute(i, node.getAttribute(i).toBuilder().setG(graph));
            }
        }
    }
}
