package dev.foresight.serving.protocol;

import java.util.List;
import java.util.Set;

/**
 * An inference request as decoded from the protocol.
 *
 * @param id              the client's request id, echoed in the response; null when absent
 * @param inputs          the input tensors, in request order
 * @param requestedOutputs names of the outputs to return; empty means every output
 * @param binaryOutputs    outputs to return in the binary tensor data extension
 * @param allBinary        whether every output is returned as binary data
 *                         ({@code "parameters": {"binary_data_output": true}})
 */
public record InferRequest(String id, List<Tensor> inputs, List<String> requestedOutputs, Set<String> binaryOutputs,
                           boolean allBinary) {
    public InferRequest {
        inputs = List.copyOf(inputs);
        requestedOutputs = List.copyOf(requestedOutputs);
        binaryOutputs = Set.copyOf(binaryOutputs);
    }

    /** A request with every output in JSON. */
    public InferRequest(String id, List<Tensor> inputs, List<String> requestedOutputs) {
        this(id, inputs, requestedOutputs, Set.of(), false);
    }

    /** Whether output {@code name} goes back as binary data. */
    public boolean binary(String name) {
        return allBinary || binaryOutputs.contains(name);
    }
}
