package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.foresight.serving.protocol.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites each integer {@code Div} and {@code Mod} of a graph, and of its subgraphs, so that no
 * element is ever divided by zero nor the signed minimum by -1: where that would happen the
 * divisor becomes 1, and a count of such elements is computed beside. Elsewhere the divisor is
 * the same tensor, so every ordinary answer is bit for bit what it was.
 *
 * <p>The counts of a subgraph leave it as extra outputs of the node that runs it: an extra output
 * of both branches of an {@code If} (zero on the branch without the node), an extra loop-carried
 * sum of a {@code Loop} or a {@code Scan} (opset 9 on). Other nodes with subgraphs are guarded
 * inside but cannot report: there the trapping elements are computed with the divisor 1.
 */
final class DivisionGuarder {
    /**
     * The elements of one guarded node that would have trapped, as a value of one graph: a BOOL
     * tensor true where they are, or (out of a subgraph) an INT64 scalar that counts them.
     *
     * @param node   the guarded node, as messages name it (the flags of one node share it)
     * @param causes the values the trapping elements come from (the divisor, or both operands),
     *               when they are values of this graph
     * @param from   the values computed from the guarded node in this graph
     */
    record Flag(String value, boolean counted, String node, String message, List<String> causes, List<String> from) {
    }

    /** A graph with its divisions guarded, and the counts it computes. */
    record Guarded(GraphProto graph, List<Flag> flags) {
    }

    private final GraphNames names;
    private final long opset;
    private final Map<String, TensorProto> constants;
    /** The constant nodes the guards use, by value name; they go at the start of the main graph. */
    private final Map<String, NodeProto> constantNodes = new LinkedHashMap<>();
    private final Map<String, String> constantNames = new LinkedHashMap<>();

    /**
     * @param constants the model's constant values (initializers and Constant nodes) by name: a
     *                  division by a constant that can never trap is left alone
     */
    DivisionGuarder(GraphNames names, long opset, Map<String, TensorProto> constants) {
        this.names = names;
        this.opset = opset;
        this.constants = constants;
    }

    static boolean isDivision(NodeProto node) {
        return OnnxNodes.standard(node) && (node.getOpType().equals("Div") || node.getOpType().equals("Mod"))
                && node.getInputCount() == 2 && node.getOutputCount() >= 1;
    }

    /** The Constant nodes the guards made so far, to run before everything else in the main graph. */
    List<NodeProto> constantNodes() {
        return List.copyOf(constantNodes.values());
    }

    /**
     * @param where where the graph sits, for messages: empty for the main graph
     */
    Guarded guard(GraphProto graph, ValueTypes types, String where) {
        List<NodeProto> nodes = new ArrayList<>();
        List<Flag> flags = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (isDivision(node)) {
                int type = types.type(node.getInput(0)).or(() -> types.type(node.getInput(1))).orElseThrow(() ->
                        new GraphRewriteException(describe(node, where) + ": the element type of its inputs cannot be"
                                + " determined, so a division by zero cannot be ruled out; declare it (value_info)"));
                if (ElementTypes.isInteger(type) && !neverTraps(node, type)) {
                    guardDivision(node, type, where, nodes, flags);
                    continue;
                }
            }
            nodes.add(hasSubgraph(node) ? guardSubgraphs(node, types, where, flags) : node);
        }
        return new Guarded(graph.toBuilder().clearNode().addAllNode(nodes).build(), flags);
    }

    private boolean neverTraps(NodeProto node, int type) {
        TensorProto divisor = constants.get(node.getInput(1));
        if (divisor == null) {
            return false;
        }
        Optional<Tensor> values = TensorProtos.read(node.getInput(1), divisor);
        return values.isPresent() && java.util.Arrays.stream(TensorProtos.integers(values.get()))
                .noneMatch(v -> v == 0 || ElementTypes.isSigned(type) && v == -1);
    }

    private void guardDivision(NodeProto node, int type, String where, List<NodeProto> nodes, List<Flag> flags) {
        if (opset < 7) {
            throw new GraphRewriteException(describe(node, where) + " divides integers at opset " + opset
                    + "; before opset 7 such a division cannot be guarded against a zero divisor");
        }
        String a = node.getInput(0);
        String b = node.getInput(1);
        boolean signed = ElementTypes.isSigned(type);
        // Equal and Where take INT32 and INT64 at every opset and in every ONNX Runtime build; other
        // integer types are checked as INT64, which holds their values (UINT64's as their bits, zero
        // staying zero), and the safe divisor is cast back, exactly.
        int wide = type == ElementTypes.INT32 || type == ElementTypes.INT64 ? type : ElementTypes.INT64;
        String bWide = type == wide ? b : add(nodes, castTo(b, wide));
        String zero = add(nodes, "Equal", new String[] {bWide, constant(wide, 0)});
        String fix = zero;
        String overflow = null;
        if (signed) {
            String aWide = type == wide ? a : add(nodes, castTo(a, wide));
            String minimum = add(nodes, "Equal", new String[] {aWide, constant(wide, ElementTypes.minimum(type))});
            String minusOne = add(nodes, "Equal", new String[] {bWide, constant(wide, -1)});
            overflow = add(nodes, "And", new String[] {minimum, minusOne});
            fix = add(nodes, "Or", new String[] {zero, overflow});
        }
        String one = constant(wide, 1);
        String safeWide;
        if (opset >= 9) {
            safeWide = add(nodes, "Where", new String[] {fix, one, bWide});
        } else {
            // No Where before opset 9: b - fix * (b - 1) is 1 where fix holds, b elsewhere.
            String fixed = add(nodes, castTo(fix, wide));
            String bMinusOne = add(nodes, "Sub", new String[] {bWide, one});
            safeWide = add(nodes, "Sub", new String[] {bWide, add(nodes, "Mul", new String[] {fixed, bMinusOne})});
        }
        String safe = type == wide ? safeWide : add(nodes, castTo(safeWide, type));
        nodes.add(node.toBuilder().setInput(1, safe).build());
        String output = node.getOutput(0);
        String named = describe(node, where);
        flags.add(new Flag(zero, false, named, named + ": integer division by zero", List.of(b), List.of(output)));
        if (signed && node.getOpType().equals("Div")) {
            // Mod of the minimum by -1 is 0, which the divisor 1 gives exactly; Div's quotient does not fit.
            flags.add(new Flag(overflow, false, named, named + ": integer overflow: the " + ElementTypes.name(type)
                    + " minimum divided by -1", List.of(a, b), List.of(output)));
        }
    }

    /**
     * The guarded subgraph with each of its flags as an INT64 scalar count ({@code
     * ReduceSum(Cast(flag, INT64))}), which can leave it through an If or be summed over a loop's
     * iterations whatever the shape of the guarded tensors.
     */
    private Guarded counted(Guarded body) {
        if (body.flags().stream().allMatch(Flag::counted)) {
            return body;
        }
        List<NodeProto> nodes = new ArrayList<>(body.graph().getNodeList());
        List<Flag> counts = new ArrayList<>();
        for (Flag flag : body.flags()) {
            counts.add(flag.counted() ? flag : new Flag(count(nodes, flag.value()), true, flag.node(), flag.message(),
                    flag.causes(), flag.from()));
        }
        return new Guarded(body.graph().toBuilder().clearNode().addAllNode(nodes).build(), counts);
    }

    /**
     * One INT64 scalar that counts the elements of all {@code flags} (of one node): the only value
     * a run fetches for it, since fetching each output costs the session more than computing it.
     */
    String total(List<NodeProto> nodes, List<Flag> flags) {
        if (flags.stream().noneMatch(Flag::counted)) {
            String marks = flags.get(0).value();
            for (Flag flag : flags.subList(1, flags.size())) {
                marks = add(nodes, "Or", new String[] {marks, flag.value()});
            }
            return count(nodes, marks);
        }
        String sum = null;
        for (Flag flag : flags) {
            String counted = flag.counted() ? flag.value() : count(nodes, flag.value());
            sum = sum == null ? counted : add(nodes, "Add", new String[] {sum, counted});
        }
        return sum;
    }

    /** {@code ReduceSum(Cast(flags, INT64))} to a scalar: how many elements are flagged. */
    private String count(List<NodeProto> nodes, String flags) {
        String asNumbers = add(nodes, castTo(flags, ElementTypes.INT64));
        String output = names.fresh("count");
        nodes.add(OnnxNodes.node("ReduceSum", names.fresh("ReduceSum"), new String[] {asNumbers}, output,
                OnnxNodes.intAttribute("keepdims", 0)));
        return output;
    }

    private NodeProto castTo(String input, int type) {
        return OnnxNodes.cast(names.fresh("Cast"), input, names.fresh("cast"), type, opset);
    }

    private String add(List<NodeProto> nodes, NodeProto node) {
        nodes.add(node);
        return node.getOutput(0);
    }

    private String add(List<NodeProto> nodes, String op, String[] inputs) {
        String output = names.fresh(op.toLowerCase(java.util.Locale.ROOT));
        nodes.add(OnnxNodes.node(op, names.fresh(op), inputs, output));
        return output;
    }

    /** The value name of a scalar constant of {@code type}, made once per model. */
    String constant(int type, long value) {
        return constantNames.computeIfAbsent(ElementTypes.name(type) + " " + value, key -> {
            String output = names.fresh("constant");
            constantNodes.put(output, OnnxNodes.constant(names.fresh("Constant"), output, type, value));
            return output;
        });
    }

    private static boolean hasSubgraph(NodeProto node) {
        return node.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0);
    }

    /** Guards the subgraphs of {@code node} and, where the operator allows, brings their counts out. */
    private NodeProto guardSubgraphs(NodeProto node, ValueTypes types, String where, List<Flag> flags) {
        NodeProto.Builder rewritten = node.toBuilder().clearAttribute();
        Map<String, Guarded> bodies = new LinkedHashMap<>();
        for (AttributeProto attribute : node.getAttributeList()) {
            AttributeProto.Builder copy = attribute.toBuilder();
            String inside = " in the " + attribute.getName() + " of " + describe(node, where);
            if (attribute.hasG()) {
                Guarded body = counted(guard(attribute.getG(), types.subgraph(node, attribute.getG()), inside));
                bodies.put(attribute.getName(), body);
                copy.setG(body.graph());
            }
            copy.clearGraphs();
            for (GraphProto graph : attribute.getGraphsList()) {
                copy.addGraphs(guard(graph, types.subgraph(node, graph), inside).graph());
            }
            rewritten.addAttribute(copy);
        }
        if (bodies.values().stream().allMatch(body -> body.flags().isEmpty())) {
            return rewritten.build();
        }
        return SubgraphCounts.bringOut(rewritten, node, bodies, opset, names, constant(ElementTypes.INT64, 0), flags);
    }

    /** A node as messages name it: {@code node 'div_3' (Div)}, or by its output when it has no name. */
    static String describe(NodeProto node, String where) {
        String name = node.getName().isEmpty() ? "the " + node.getOpType() + " node computing '" + node.getOutput(0) + "'"
                : "node '" + node.getName() + "' (" + node.getOpType() + ")";
        return name + where;
    }
}
