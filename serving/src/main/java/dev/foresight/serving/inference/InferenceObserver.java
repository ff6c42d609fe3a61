package dev.foresight.serving.inference;

/**
 * Told of every inference request when it ends; used for metrics. Called on request threads;
 * implementations must be thread-safe, quick, and must not throw.
 */
public interface InferenceObserver {
    /** An observer that ignores everything. */
    InferenceObserver NONE = (model, version, outcome, totalNanos, queueNanos, computeNanos) -> {
    };

    /**
     * @param model        the model's name, or null when the request named no known model
     * @param version      the version that served it, or 0 when none did
     * @param totalNanos   from the decoded request to the encoded response
     * @param queueNanos   waiting for an inference thread (0 when not queued)
     * @param computeNanos inside the runtime (0 when it never got there)
     */
    void completed(String model, long version, Outcome outcome, long totalNanos, long queueNanos, long computeNanos);

    /** A batch of {@code rows} rows was computed for {@code model} by its dynamic batcher. */
    default void batch(String model, int rows) {
    }
}
