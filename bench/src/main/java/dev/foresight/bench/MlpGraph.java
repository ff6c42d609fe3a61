package dev.foresight.bench;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.Random;

/**
 * The compute-bound benchmark model: an MLP of {@code layers} dense ReLU layers {@code width}
 * wide, FP32 {@code x [-1, width]} to {@code y [-1, outputs]}, with fixed random weights.
 */
final class MlpGraph {
    private MlpGraph() {
    }

    static byte[] build(int width, int layers, int outputs) {
        Random random = new Random(1);
        GraphProto.Builder graph = GraphProto.newBuilder().setName("mlp");
        String previous = "x";
        for (int layer = 0; layer < layers; layer++) {
            int out = layer == layers - 1 ? outputs : width;
            graph.addInitializer(weights("w" + layer, width, out, random));
            graph.addInitializer(weights("b" + layer, 1, out, random).toBuilder().clearDims().addDims(out));
            graph.addNode(NodeProto.newBuilder().setOpType("MatMul").addInput(previous).addInput("w" + layer)
                    .addOutput("m" + layer));
            graph.addNode(NodeProto.newBuilder().setOpType("Add").addInput("m" + layer).addInput("b" + layer)
                    .addOutput(layer == layers - 1 ? "y" : "a" + layer));
            if (layer < layers - 1) {
                graph.addNode(NodeProto.newBuilder().setOpType("Relu").addInput("a" + layer).addOutput("h" + layer));
                previous = "h" + layer;
            }
        }
        graph.addInput(value("x", width)).addOutput(value("y", outputs));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("foresight-bench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build().toByteArray();
    }

    private static TensorProto weights(String name, int rows, int columns, Random random) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(1).addDims(rows).addDims(columns);
        float scale = (float) Math.sqrt(2.0 / rows);
        for (int i = 0; i < rows * columns; i++) {
            tensor.addFloatData((float) random.nextGaussian() * scale);
        }
        return tensor.build();
    }

    private static ValueInfoProto value(String name, int columns) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))))).build();
    }
}
