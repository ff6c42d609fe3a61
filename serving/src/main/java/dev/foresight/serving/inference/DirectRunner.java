package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Tensor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Each request runs alone, as one call on the shared {@link InferenceExecutor}. */
final class DirectRunner implements ModelRunner {
    private final ModelSession session;
    private final InferenceExecutor executor;

    DirectRunner(ModelSession session, InferenceExecutor executor) {
        this.session = session;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<List<Tensor>> run(Map<String, Tensor> inputs, List<String> outputs, RequestTiming timing) {
        long queued = System.nanoTime();
        return executor.submit(() -> {
            long started = System.nanoTime();
            List<Tensor> answer = session.run(inputs, outputs);
            timing.ran(started - queued, System.nanoTime() - started);
            return answer;
        });
    }

    /** Nothing to stop: the executor is shared and outlives every version. */
    @Override
    public void close() {
    }
}
