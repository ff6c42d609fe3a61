package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one inference on a freshly loaded session, with zeros (empty strings for BYTES) and every
 * dynamic dimension set to 1, so the runtime allocates and optimises before real traffic.
 * Graphs with UINT16/32/64 inputs, which ONNX Runtime's Java API cannot feed, are not warmed up.
 */
final class Warmup {
    private Warmup() {
    }

    static void run(ModelSession session) {
        Map<String, Tensor> inputs = new HashMap<>();
        for (TensorSpec spec : session.inputs()) {
            if (spec.optional()) {
                continue;
            }
            if (spec.datatype().isUnsigned() && spec.datatype() != Datatype.UINT8) {
                return; // such inputs cannot be fed from Java; requests get a 501 that says why
            }
            long[] shape = spec.shape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = 1;
                }
            }
            int count = Math.toIntExact(Tensor.elementCount(shape));
            inputs.put(spec.name(), new Tensor(spec.name(), spec.datatype(), shape, spec.datatype().newArray(count)));
        }
        List<String> outputs = session.outputs().stream().map(TensorSpec::name).toList();
        session.run(inputs, outputs);
    }
}
