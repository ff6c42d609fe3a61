package dev.foresight.serving.dispatch;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;

import java.util.List;

/**
 * Told of every successful inference with its tensors: the seam of input monitoring and payload
 * logging. The dispatcher calls it on the thread that completed the run (an inference or batcher
 * thread), for every protocol edge alike.
 *
 * <p>Implementations must return at once and never throw: hand the tensors to another thread
 * (without copying: the arrays are not changed after the call) or drop them. The tensors' arrays
 * are shared with the response; implementations must not change them.
 */
public interface PayloadObserver {
    /** An observer that ignores everything: what the dispatcher calls when nothing watches. */
    PayloadObserver NONE = (model, version, request, outputs) -> {
    };

    /**
     * @param model   the model's name
     * @param version the version that answered
     * @param request the decoded request (its inputs, in request order, and its id)
     * @param outputs the outputs computed, in the order requested
     */
    void answered(String model, long version, InferRequest request, List<Tensor> outputs);

    /** One observer telling each of {@code observers} in turn; {@link #NONE} when there are none. */
    static PayloadObserver of(List<PayloadObserver> observers) {
        List<PayloadObserver> all = List.copyOf(observers);
        if (all.isEmpty()) {
            return NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return (model, version, request, outputs) -> {
            for (PayloadObserver observer : all) {
                observer.answered(model, version, request, outputs);
            }
        };
    }
}
