package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The element types of the values one graph can see: those it declares (inputs, outputs,
 * value_info, initializers), those known from elsewhere (the runtime's {@link TypeProbe}, the
 * node that runs a subgraph), those derived node by node for common operators, and, for names a
 * subgraph takes from its outer graph, the outer graph's. A value of an operator without a rule
 * here stays unknown.
 */
final class ValueTypes {
    /** Operators whose outputs all have the element type of their first input. */
    private static final Set<String> LIKE_FIRST_INPUT = Set.of("Abs", "Add", "Sub", "Mul", "Div", "Mod", "Neg",
            "Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Slice", "Gather", "GatherElements",
            "GatherND", "Expand", "Tile", "Concat", "Split", "Pad", "ReduceMax", "ReduceMin", "ReduceSum",
            "ReduceProd", "ReduceMean", "ReduceL1", "ReduceL2", "ReduceSumSquare", "Max", "Min", "Sum", "Mean", "Clip",
            "Relu", "Floor", "Ceil", "Round", "Sign", "Sqrt", "Exp", "Log", "Pow", "CumSum", "ScatterElements",
            "ScatterND", "Scatter", "Range", "MatMul", "Gemm", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor",
            "BitwiseNot", "Trilu", "ReverseSequence", "Compress", "DepthToSpace", "SpaceToDepth", "Resize",
            "Einsum", "Softmax", "LogSoftmax", "Sigmoid", "Tanh", "Erf", "Reciprocal");
    /** Operators whose outputs are booleans. */
    private static final Set<String> BOOLEAN = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
            "And", "Or", "Xor", "Not", "IsNaN", "IsInf");
    /** Operators whose outputs are INT64 (indices and shapes). */
    private static final Set<String> INT64 = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin");

    private final Map<String, Integer> types = new HashMap<>();
    private final ValueTypes outer;

    private ValueTypes(ValueTypes outer) {
        this.outer = outer;
    }

    /** The types of a main graph, with {@code known} ones (e.g. the runtime's) added to its declarations. */
    static ValueTypes of(GraphProto graph, Map<String, Integer> known) {
        return build(graph, null, known);
    }

    /** The types in the subgraph {@code body} of {@code node}, which runs in the graph typed by {@code this}. */
    ValueTypes subgraph(NodeProto node, GraphProto body) {
        Map<String, Integer> seeds = new HashMap<>();
        int inputs = body.getInputCount();
        switch (node.getOpType()) {
            case "Loop" -> {
                for (int i = 0; i < inputs; i++) {
                    int index = i;
                    Optional<Integer> type = i == 0 ? Optional.of(ElementTypes.INT64)
                            : i == 1 ? Optional.of(ElementTypes.BOOL) : input(node, i).flatMap(this::type);
                    type.ifPresent(t -> seeds.put(body.getInput(index).getName(), t));
                }
            }
            case "Scan" -> {
                for (int i = 0; i < inputs && i < node.getInputCount(); i++) {
                    int index = i;
                    input(node, i).flatMap(this::type).ifPresent(t -> seeds.put(body.getInput(index).getName(), t));
                }
            }
            default -> {
            }
        }
        return build(body, this, seeds);
    }

    private static ValueTypes build(GraphProto graph, ValueTypes outer, Map<String, Integer> known) {
        ValueTypes types = new ValueTypes(outer);
        types.types.putAll(known);
        for (ValueInfoProto value : graph.getInputList()) {
            types.declare(value);
        }
        for (ValueInfoProto value : graph.getValueInfoList()) {
            types.declare(value);
        }
        for (ValueInfoProto value : graph.getOutputList()) {
            types.declare(value);
        }
        graph.getInitializerList().forEach(initializer -> types.types.putIfAbsent(initializer.getName(),
                initializer.getDataType()));
        graph.getSparseInitializerList().forEach(sparse -> types.types.putIfAbsent(sparse.getValues().getName(),
                sparse.getValues().getDataType()));
        for (NodeProto node : graph.getNodeList()) {
            for (int i = 0; i < node.getOutputCount(); i++) {
                String output = node.getOutput(i);
                if (!output.isEmpty() && !types.types.containsKey(output)) {
                    types.derive(node, i).filter(type -> type != 0).ifPresent(type -> types.types.put(output, type));
                }
            }
        }
        return types;
    }

    private void declare(ValueInfoProto value) {
        if (value.getType().hasTensorType() && value.getType().getTensorType().getElemType() != 0) {
            types.putIfAbsent(value.getName(), value.getType().getTensorType().getElemType());
        }
    }

    /** The element type of {@code name}, here or in an outer graph; empty when unknown. */
    Optional<Integer> type(String name) {
        Integer type = types.get(name);
        if (type != null) {
            return Optional.of(type);
        }
        return outer == null ? Optional.empty() : outer.type(name);
    }

    private static Optional<String> input(NodeProto node, int index) {
        return index < node.getInputCount() && !node.getInput(index).isEmpty()
                ? Optional.of(node.getInput(index)) : Optional.empty();
    }

    private Optional<Integer> derive(NodeProto node, int output) {
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            return Optional.empty();
        }
        String op = node.getOpType();
        if (BOOLEAN.contains(op)) {
            return Optional.of(ElementTypes.BOOL);
        }
        if (INT64.contains(op) || (op.equals("TopK") || op.equals("Unique")) && output > 0) {
            return Optional.of(ElementTypes.INT64);
        }
        return switch (op) {
            case "Cast" -> attribute(node, "to").map(to -> to.getType() == AttributeProto.AttributeType.STRING
                    ? elementType(to.getS().toStringUtf8()) : (int) to.getI());
            case "CastLike" -> input(node, 1).flatMap(this::type);
            case "Where" -> input(node, 1).flatMap(this::type);
            case "OneHot" -> input(node, 2).flatMap(this::type);
            case "Constant" -> constantType(node);
            case "ConstantOfShape" -> Optional.of(attribute(node, "value").map(v -> v.getT().getDataType())
                    .orElse(ElementTypes.FLOAT));
            case "If" -> subgraphOutput(node, "then_branch", output);
            case "Loop" -> output < node.getInputCount() - 2 ? input(node, output + 2).flatMap(this::type)
                    : subgraphOutput(node, "body", output + 1);
            case "Scan" -> subgraphOutput(node, "body", output);
            case "TopK", "Unique", "Dropout" -> output == 0 ? input(node, 0).flatMap(this::type) : Optional.empty();
            default -> LIKE_FIRST_INPUT.contains(op) ? input(node, 0).flatMap(this::type) : Optional.empty();
        };
    }

    private Optional<Integer> subgraphOutput(NodeProto node, String attributeName, int index) {
        return attribute(node, attributeName).filter(AttributeProto::hasG).map(AttributeProto::getG)
                .filter(body -> index < body.getOutputCount())
                .flatMap(body -> subgraph(node, body).type(body.getOutput(index).getName()));
    }

    private static Optional<Integer> constantType(NodeProto node) {
        for (AttributeProto attribute : node.getAttributeList()) {
            switch (attribute.getName()) {
                case "value" -> {
                    return Optional.of(attribute.getT().getDataType());
                }
                case "value_int", "value_ints" -> {
                    return Optional.of(ElementTypes.INT64);
                }
                case "value_float", "value_floats" -> {
                    return Optional.of(ElementTypes.FLOAT);
                }
                case "value_string", "value_strings" -> {
                    return Optional.of(ElementTypes.STRING);
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    /** The number of a type named as Cast-1's string attribute does ("INT32"). */
    private static int elementType(String name) {
        for (int type = 0; type < 24; type++) {
            if (ElementTypes.name(type).equalsIgnoreCase(name)) {
                return type;
            }
        }
        return 0;
    }
}
