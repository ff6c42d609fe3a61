package dev.foresight.serving.protocol;

import java.util.List;

/**
 * An inference request as decoded from the protocol.
 *
 * @param id              the client's request id, echoed in the response; null when absent
 * @param inputs          the input tensors, in request order
 * @param requestedOutputs names of the outputs to return; empty means every output
 */
public record InferRequest(String id, List<Tensor> inputs, List<String> requestedOutputs) {
    public InferRequest {
        inputs = List.copyOf(inputs);
        requestedOutputs = List.copyOf(requestedOutputs);
    }
}
