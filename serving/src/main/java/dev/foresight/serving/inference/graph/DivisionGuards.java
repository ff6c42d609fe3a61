package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards every integer {@code Div} and {@code Mod} of a model (any integer type, opset 7 on,
 * subgraphs included) with {@link DivisionGuarder}, whose counts become hidden outputs of the
 * main graph that the session checks after each run ({@link DivisionGuard}). Divisions inside
 * model-local functions were brought into the graph by {@link FunctionInlining} before. ONNX Runtime traps
 * on an integer division by zero (and on the signed minimum divided by -1): a native fault that
 * kills the process, whether at run time or while folding constants at load time.
 *
 * <p>Element types are taken from the graph's declarations and derived through common operators
 * ({@link ValueTypes}); when a division's still are not known, the runtime is asked
 * ({@link TypeProbe}). A model without an integer division is left exactly as it is, as is a
 * division by a constant that cannot trap.
 */
final class DivisionGuards implements GraphRewrite {
    private final TypeProbe probe;

    DivisionGuards(TypeProbe probe) {
        this.probe = probe;
    }

    @Override
    public ModelProto apply(ModelProto original, RewritePlan plan) {
        ModelProto model = FunctionInlining.inline(original);
        GraphProto main = model.getGraph();
        if (!divides(main)) {
            return original;
        }
        ValueTypes declared = ValueTypes.of(main, Map.of());
        ValueTypes types = declared;
        if (hasUntypedDivision(main, declared)) {
            Set<String> unknown = main.getNodeList().stream().flatMap(node -> node.getOutputList().stream())
                    .filter(output -> !output.isEmpty() && declared.type(output).isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            types = ValueTypes.of(main, probe.elementTypes(model, unknown));
        }
        GraphNames names = new GraphNames(model, "foresight");
        DivisionGuarder guarder = new DivisionGuarder(names, OnnxNodes.opset(model), constants(main));
        DivisionGuarder.Guarded guarded = guarder.guard(main, types, "");
        if (guarded.flags().isEmpty() && guarded.graph().equals(main)) {
            return original; // nothing to guard: not even the functions' calls expanded
        }
        GraphReach reach = new GraphReach(main);
        List<NodeProto> totals = new ArrayList<>();
        Map<String, List<DivisionGuarder.Flag>> byNode = new LinkedHashMap<>();
        guarded.flags().forEach(flag -> byNode.computeIfAbsent(flag.node(), node -> new ArrayList<>()).add(flag));
        List<ValueInfoProto> outputs = new ArrayList<>();
        for (List<DivisionGuarder.Flag> flags : byNode.values()) {
            String total = guarder.total(totals, flags);
            outputs.add(OnnxNodes.int64Scalar(total));
            List<DivisionGuard.Cause> causes = new ArrayList<>();
            for (DivisionGuarder.Flag flag : flags) {
                if (flags.size() > 1) {
                    outputs.add(flag.counted() ? OnnxNodes.int64Scalar(flag.value()) : OnnxNodes.booleans(flag.value()));
                }
                causes.add(new DivisionGuard.Cause(flag.value(), flag.message() + origin(flag, reach, plan)));
            }
            plan.guards.add(new DivisionGuard(total, flags.size() > 1 ? causes : List.of(causes.get(0)),
                    reach.outputsFrom(flags.get(0).from())));
        }
        GraphProto.Builder graph = guarded.graph().toBuilder().clearNode().addAllNode(guarder.constantNodes())
                .addAllNode(guarded.graph().getNodeList()).addAllNode(totals).addAllOutput(outputs);
        return model.toBuilder().setGraph(graph).build();
    }

    /** Where the guarded node's inputs come from, as clients name the inputs. */
    private static String origin(DivisionGuarder.Flag flag, GraphReach reach, RewritePlan plan) {
        Set<String> inputs = new LinkedHashSet<>();
        flag.causes().forEach(value -> reach.inputsOf(value).forEach(input -> {
            RewrittenModel.RetypedInput retyped = plan.retypedInputs.get(input);
            inputs.add(retyped == null ? input : retyped.name());
        }));
        if (inputs.isEmpty()) {
            return "";
        }
        return " (from input" + (inputs.size() > 1 ? "s " : " ")
                + inputs.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")) + ")";
    }

    private static boolean divides(GraphProto graph) {
        return graph.getNodeList().stream().anyMatch(DivisionGuards::divides);
    }

    private static boolean divides(NodeProto node) {
        if (DivisionGuarder.isDivision(node)) {
            return true;
        }
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.hasG() && divides(attribute.getG()) || attribute.getGraphsList().stream().anyMatch(DivisionGuards::divides)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some division, here or in a subgraph, has inputs of unknown element type. */
    private static boolean hasUntypedDivision(GraphProto graph, ValueTypes types) {
        for (NodeProto node : graph.getNodeList()) {
            if (DivisionGuarder.isDivision(node) && types.type(node.getInput(0)).isEmpty()
                    && types.type(node.getInput(1)).isEmpty()) {
                return true;
            }
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG() && hasUntypedDivision(attribute.getG(), types.subgraph(node, attribute.getG()))) {
                    return true;
                }
                for (GraphProto body : attribute.getGraphsList()) {
                    if (hasUntypedDivision(body, types.subgraph(node, body))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The main graph's constants by name: initializers and the values of Constant nodes. */
    private static Map<String, TensorProto> constants(GraphProto graph) {
        Map<String, TensorProto> constants = new HashMap<>();
        graph.getInitializerList().forEach(initializer -> constants.put(initializer.getName(), initializer));
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Constant") && OnnxNodes.standard(node) && node.getOutputCount() == 1) {
                ValueTypes.attribute(node, "value").filter(AttributeProto::hasT)
                        .ifPresent(value -> constants.put(node.getOutput(0), value.getT()));
            }
        }
        return constants;
    }
}
