package dev.foresight.serving.dispatch;

import dev.foresight.serving.inference.RequestTiming;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.InferResponse;
import dev.foresight.serving.protocol.RequestChecks;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.repository.ModelRepository;
import dev.foresight.serving.repository.ServedVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a decoded request to a model version and back, for every protocol binding: picks the
 * version, checks the request against it, runs it on the version's runner, and holds the version
 * until the run is over so that a swap never closes a session under a request.
 */
public final class InferenceDispatcher {
    private final ModelRepository repository;
    private final PayloadObserver observer;

    public InferenceDispatcher(ModelRepository repository) {
        this(repository, PayloadObserver.NONE);
    }

    /** @param observer told of every answered request with its tensors (monitoring, payload logging) */
    public InferenceDispatcher(ModelRepository repository, PayloadObserver observer) {
        this.repository = repository;
        this.observer = observer;
    }

    /**
     * Runs {@code request} on {@code model} (the given version, or the highest served one).
     * Exceptions for a bad request, an unknown or unready model, or a full queue are thrown at
     * once; failures of the run complete the future exceptionally.
     *
     * @param timing filled with the version, queue and compute times of the request
     */
    public CompletableFuture<InferResponse> infer(String model, Optional<Long> version, InferRequest request,
                                                  RequestTiming timing) {
        ServedVersion served = repository.acquire(model, version);
        timing.servedBy(served.version());
        try {
            Map<String, Tensor> inputs = RequestChecks.inputs(model, served.inputs(), request);
            List<String> outputs = RequestChecks.outputs(model, served.outputs(), request);
            CompletableFuture<InferResponse> result = served.runner().run(inputs, outputs, timing)
                    .thenApply(answer -> {
                        observer.answered(model, served.version(), request, answer);
                        return new InferResponse(model, served.version(), request.id(), answer);
                    });
            result.whenComplete((answer, failure) -> served.release());
            return result;
        } catch (RuntimeException refused) {
            served.release();
            throw refused;
        }
    }
}
