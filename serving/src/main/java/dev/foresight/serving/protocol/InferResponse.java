package dev.foresight.serving.protocol;

import java.util.List;

/** The answer to an {@link InferRequest}: which model version computed it, and its outputs. */
public record InferResponse(String modelName, long modelVersion, String id, List<Tensor> outputs) {
    public InferResponse {
        outputs = List.copyOf(outputs);
    }
}
