package dev.foresight.serving.payloadlog;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;

import java.util.List;

/** One answered request waiting to be logged: references to its tensors, not copies. */
record Exchange(String model, long version, InferRequest request, List<Tensor> outputs, long epochMillis) {
}
