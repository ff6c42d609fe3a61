package dev.foresight.serving.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.foresight.serving.inference.graph.DivisionGuard;
import dev.foresight.serving.inference.graph.GraphRewriter;
import dev.foresight.serving.inference.graph.RewrittenModel;
import dev.foresight.serving.testing.OnnxGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the load-time rewrites change, and that they change nothing where nothing is needed. */
class GraphRewriterTest {
    @TempDir
    Path root;

    private RewrittenModel rewrite(String model, byte[] bytes) {
        Path file = OnnxGraphs.deploy(root, model, 1, bytes);
        return new GraphRewriter(new OrtTypeProbe(file)).rewrite(file);
    }

    @Test
    void aGraphWithoutIntegerDivisionIsLoadedAsItIs() {
        assertTrue(rewrite("float_div", OnnxGraphs.binary("Div", OnnxGraphs.FLOAT, 17)).rewritten().isEmpty());
        assertTrue(rewrite("no_div", OnnxGraphs.addConstant(1)).rewritten().isEmpty());
    }

    @Test
    void aModelLocalFunctionIsExpandedOnlyWhenItDividesIntegers() {
        assertTrue(rewrite("float_function", OnnxGraphs.divisionInFunction(OnnxGraphs.FLOAT)).rewritten().isEmpty());
        RewrittenModel integer = rewrite("int_function", OnnxGraphs.divisionInFunction(OnnxGraphs.INT64));
        assertEquals(2, integer.guards().get(0).causes().size(), integer.guards().toString());
        assertTrue(integer.rewritten().orElseThrow().getGraph().getNodeList().stream()
                .noneMatch(node -> node.getOpType().equals("SafeDivide")), "the call is still there");
    }

    @Test
    void aDivisionByAConstantThatCannotTrapIsLeftAlone() {
        assertTrue(rewrite("by_three", OnnxGraphs.divisionByConstant(OnnxGraphs.INT64, 3)).rewritten().isEmpty());
    }

    @Test
    void aSignedDivisionGetsAZeroAndAnOverflowGuardOverEveryOutputItFeeds() {
        RewrittenModel rewritten = rewrite("div", OnnxGraphs.binary("Div", OnnxGraphs.INT32, 17));
        assertTrue(rewritten.rewritten().isPresent());
        List<DivisionGuard> guards = rewritten.guards();
        assertEquals(1, guards.size(), "one count a guarded node, fetched on every run: " + guards);
        List<DivisionGuard.Cause> causes = guards.get(0).causes();
        assertEquals("node 'div_1' (Div): integer division by zero (from input 'y')", causes.get(0).message());
        assertEquals("node 'div_1' (Div): integer overflow: the INT32 minimum divided by -1 (from inputs 'x', 'y')",
                causes.get(1).message());
        assertEquals(Set.of("z"), guards.get(0).feeds());
        List<String> outputs = rewritten.rewritten().get().getGraph().getOutputList().stream()
                .map(ValueInfoProto::getName).toList();
        assertEquals(List.of("z", guards.get(0).output(), causes.get(0).output(), causes.get(1).output()), outputs);
    }

    @Test
    void anUnsignedModuloGetsOnlyTheZeroGuard() {
        List<DivisionGuard> guards = rewrite("mod", OnnxGraphs.binary("Mod", OnnxGraphs.UINT64, 17)).guards();
        assertEquals(1, guards.size(), guards.toString());
        assertEquals(1, guards.get(0).causes().size(), guards.toString());
    }

    @Test
    void theRuntimeTellsTheTypesOfValuesTheGraphDoesNotDeclare() {
        // EyeLike has no type rule here, so only ONNX Runtime can tell that the division is on INT32.
        GraphProto graph = GraphProto.newBuilder().setName("untyped")
                .addNode(NodeProto.newBuilder().setOpType("EyeLike").addInput("a").addOutput("ea"))
                .addNode(NodeProto.newBuilder().setOpType("EyeLike").addInput("b").addOutput("eb"))
                .addNode(NodeProto.newBuilder().setOpType("Div").setName("div_untyped").addInput("ea").addInput("eb").addOutput("z"))
                .addInput(matrix("a")).addInput(matrix("b")).addOutput(matrix("z")).build();
        byte[] model = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph).build()
                .toByteArray();
        List<DivisionGuard> guards = rewrite("untyped", model).guards();
        assertEquals(2, guards.get(0).causes().size(), guards.toString());
        assertTrue(guards.get(0).causes().get(0).message().startsWith("node 'div_untyped' (Div): integer division by zero"),
                guards.toString());
    }

    @Test
    void anUnsignedInputIsFedUnderAnotherNameAsTheSignedTypeOfItsWidth() {
        RewrittenModel rewritten = rewrite("u32", OnnxGraphs.identity(OnnxGraphs.UINT32, -1));
        ValueInfoProto input = rewritten.rewritten().orElseThrow().getGraph().getInput(0);
        assertEquals(OnnxGraphs.INT32, input.getType().getTensorType().getElemType());
        RewrittenModel.RetypedInput retyped = rewritten.retypedInputs().get(input.getName());
        assertEquals("x", retyped.name());
        assertEquals(dev.foresight.serving.protocol.Datatype.UINT32, retyped.datatype());
    }

    private static ValueInfoProto matrix(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor
                .newBuilder().setElemType(OnnxGraphs.INT32).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))))).build();
    }
}
