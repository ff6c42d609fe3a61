package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model as the runtime will load it, and what a session must know to run it the way clients
 * see it: the defaults of optional inputs, the inputs fed under another name and type, and the
 * division guards to check after each run.
 *
 * @param rewritten      the model to load instead of the file; empty when the file loads as it is
 * @param defaults       the value of each optional input, by input name, fed when a request leaves it out
 * @param optionalInputs the specs of the optional inputs (the runtime lists none)
 * @param retypedInputs  by the runtime's input name: the name and datatype clients use for it
 * @param guards         the integer divisions guarded, in graph order
 */
public record RewrittenModel(Optional<ModelProto> rewritten, Map<String, Tensor> defaults,
                             List<TensorSpec> optionalInputs, Map<String, RetypedInput> retypedInputs,
                             List<DivisionGuard> guards) {

    /** An input the runtime takes under {@code runtimeName} with a signed type, for clients {@code name} of {@code datatype}. */
    public record RetypedInput(String name, Datatype datatype) {
    }

    public RewrittenModel {
        defaults = Map.copyOf(defaults);
        optionalInputs = List.copyOf(optionalInputs);
        retypedInputs = Map.copyOf(retypedInputs);
        guards = List.copyOf(guards);
    }
}
