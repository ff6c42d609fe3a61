package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Tensor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the requests of one loaded version reach its {@link ModelSession}: each alone on the shared
 * inference threads ({@link DirectRunner}) or stacked with others ({@link DynamicBatcher}).
 * {@link RunnerFactory} decides which a version gets.
 *
 * <p>Ownership: a runner uses the session but does not own it. Whoever holds both closes the
 * runner first (after the version's last request), then the session.
 */
public interface ModelRunner extends AutoCloseable {

    /**
     * Runs one request.
     *
     * @param inputs  one tensor per input the request gives, already checked against the session's inputs
     * @param outputs names of the outputs to compute
     * @param timing  receives the time spent queued and computing
     * @return the outputs in the order of {@code outputs}; completes exceptionally with
     *         {@link InferenceFailedException} when the runtime rejects the input
     * @throws OverloadedException at once when the runner's queue is full or it is closed
     */
    CompletableFuture<List<Tensor>> run(Map<String, Tensor> inputs, List<String> outputs, RequestTiming timing);

    /** Stops taking requests; on return the runner no longer touches the session. */
    @Override
    void close();
}
