package dev.foresight.serving.inference;

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
 * Takes a decoded request to a model version and back: picks the version, checks the request
 * against it, runs it on the {@link InferenceExecutor}, and holds the version until the run is
 * over so that a swap never closes a session under a request.
 */
public final class InferenceDispatcher {
    private final ModelRepository repository;
    private final InferenceExecutor executor;
    private final PayloadObserver observer;

    public InferenceDispatcher(ModelRepository repository, InferenceExecutor executor) {
        this(repository, executor, PayloadObserver.NONE);
    }

    /** @param observer told of every answered request with its tensors (monitoring, payload logging) */
    public InferenceDispatcher(ModelRepository repository, InferenceExecutor executor, PayloadObserver observer) {
        this.repository = repository;
        this.executor = executor;
        this.observer = observer;
    }

    /**
     * Runs {@code request} on {@code model} (the given version, or the highest served one).
     * Exceptions for a bad request, an unknown or unready model, or a full queue are thrown at
     * once; failures of the run complete the future exceptionally.
     *
     * @param timing filled with the queue and compute times of the request
     */
    public CompletableFuture<InferResponse> infer(String model, Optional<Long> version, InferRequest request,
                                                  Timing timing) {
        ServedVersion served = repository.acquire(model, version);
        timing.version = served.version();
        boolean submitted = false;
        try {
            Map<String, Tensor> inputs = RequestChecks.inputs(model, served.inputs(), request);
            List<String> outputs = RequestChecks.outputs(model, served.outputs(), request);
            Optional<DynamicBatcher> batcher = served.batcher();
            if (batcher.isPresent()) {
                CompletableFuture<InferResponse> result = batcher.get().submit(inputs, outputs, timing)
                        .thenApply(answer -> {
                            observer.answered(model, served.version(), request, answer);
                            return new InferResponse(model, served.version(), request.id(), answer);
                        });
                submitted = true;
                result.whenComplete((answer, failure) -> served.release());
                return result;
            }
            long queued = System.nanoTime();
            CompletableFuture<InferResponse> result = executor.submit(() -> {
                try {
                    long started = System.nanoTime();
                    timing.queueNanos = started - queued;
                    List<Tensor> answer = served.session().run(inputs, outputs);
                    timing.computeNanos = System.nanoTime() - started;
                    observer.answered(model, served.version(), request, answer);
                    return new InferResponse(model, served.version(), request.id(), answer);
                } finally {
                    served.release();
                }
            });
            submitted = true;
            return result;
        } finally {
            if (!submitted) {
                served.release();
            }
        }
    }

    /** Where the time of one request went; written by the inference thread, read after completion. */
    public static final class Timing {
        volatile long version;
        volatile long queueNanos;
        volatile long computeNanos;

        public long version() {
            return version;
        }

        public long queueNanos() {
            return queueNanos;
        }

        public long computeNanos() {
            return computeNanos;
        }
    }
}
