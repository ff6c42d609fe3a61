package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.foresight.serving.protocol.Datatype;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of type UINT16, UINT32 or UINT64, which ONNX Runtime's Java API cannot create tensors
 * of. Each becomes a runtime input of the signed type of the same width, under a new name, and a
 * {@code Cast} to the unsigned type gives the graph its value under the input's own name: the
 * cast wraps modulo 2^n, so the bits a client sends (the protocol carries unsigned values in the
 * signed array of the same width) arrive unchanged, over the whole range. Clients still see and
 * send the unsigned type; the session feeds such an input under its runtime name.
 */
final class UnsignedInputs implements GraphRewrite {

    @Override
    public ModelProto apply(ModelProto model, RewritePlan plan) {
        GraphProto graph = model.getGraph();
        List<NodeProto> casts = new ArrayList<>();
        GraphProto.Builder rewritten = graph.toBuilder().clearInput();
        GraphNames names = null;
        for (ValueInfoProto input : graph.getInputList()) {
            int type = input.getType().hasTensorType() ? input.getType().getTensorType().getElemType() : 0;
            if (type != ElementTypes.UINT16 && type != ElementTypes.UINT32 && type != ElementTypes.UINT64) {
                rewritten.addInput(input);
                continue;
            }
            names = names == null ? new GraphNames(model, "foresight") : names;
            String runtimeName = names.fresh(input.getName() + "/signed");
            TypeProto.Builder signed = input.getType().toBuilder();
            signed.getTensorTypeBuilder().setElemType(ElementTypes.signedOfSameWidth(type));
            rewritten.addInput(input.toBuilder().setName(runtimeName).setType(signed));
            casts.add(OnnxNodes.cast(names.fresh("cast"), runtimeName, input.getName(), type, OnnxNodes.opset(model)));
            Datatype datatype = ElementTypes.datatype(type).orElseThrow();
            plan.retypedInputs.put(runtimeName, new RewrittenModel.RetypedInput(input.getName(), datatype));
        }
        if (casts.isEmpty()) {
            return model;
        }
        rewritten.clearNode().addAllNode(casts).addAllNode(graph.getNodeList());
        return model.toBuilder().setGraph(rewritten).build();
    }
}
