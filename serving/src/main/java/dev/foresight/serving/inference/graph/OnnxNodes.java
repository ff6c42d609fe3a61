package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builders of the nodes and values the rewrites add to a graph, valid at the model's opset. */
final class OnnxNodes {
    private OnnxNodes() {
    }

    /** The model's version of the default ONNX operator set. */
    static long opset(ModelProto model) {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(1);
    }

    /** Whether {@code node} is an operator of the default ONNX domain. */
    static boolean standard(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }

    static NodeProto node(String op, String name, String[] inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name).setDomain("").addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node.build();
    }

    /** {@code output = Cast(input)} to element type {@code to}; Cast-1 names the type as a string. */
    static NodeProto cast(String name, String input, String output, int to, long opset) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName("to");
        if (opset < 6) {
            attribute.setType(AttributeProto.AttributeType.STRING)
                    .setS(com.google.protobuf.ByteString.copyFromUtf8(ElementTypes.name(to)));
        } else {
            attribute.setType(AttributeProto.AttributeType.INT).setI(to);
        }
        return node("Cast", name, new String[] {input}, output, attribute.build());
    }

    /** A {@code Constant} node giving {@code output} the scalar {@code value} of integer {@code type}. */
    static NodeProto constant(String name, String output, int type, long value) {
        AttributeProto attribute = AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                .setT(scalar(type, value)).build();
        return node("Constant", name, new String[0], output, attribute);
    }

    /** A scalar (rank 0) of integer {@code type} holding {@code value}, which must fit it (as bits for unsigned types). */
    static TensorProto scalar(int type, long value) {
        int width = switch (type) {
            case ElementTypes.INT8, ElementTypes.UINT8 -> 1;
            case ElementTypes.INT16, ElementTypes.UINT16 -> 2;
            case ElementTypes.INT32, ElementTypes.UINT32 -> 4;
            case ElementTypes.INT64, ElementTypes.UINT64 -> 8;
            default -> throw new IllegalArgumentException(ElementTypes.name(type) + " is not an integer type");
        };
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return TensorProto.newBuilder().setDataType(type)
                .setRawData(com.google.protobuf.ByteString.copyFrom(bytes.array(), 0, width)).build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A value declared as a BOOL tensor of any shape, e.g. a guard's flags. */
    static ValueInfoProto booleans(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(ElementTypes.BOOL))).build();
    }

    /** A value declared as an INT64 scalar, e.g. a guard's count. */
    static ValueInfoProto int64Scalar(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(ElementTypes.INT64).setShape(TensorShapeProto.getDefaultInstance())))
                .build();
    }
}
