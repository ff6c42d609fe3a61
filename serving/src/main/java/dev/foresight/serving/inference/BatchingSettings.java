package dev.foresight.serving.inference;

import java.time.Duration;

/**
 * Dynamic batching of one model, as Triton's dynamic batcher does it: requests that arrive close
 * together are stacked along their first dimension and run as one call.
 *
 * @param maxBatchSize  most rows in one call; 0 turns batching off
 * @param maxQueueDelay longest a request waits for others to join its batch
 * @param maxQueueSize  requests that may wait; more are refused at once (429)
 * @param instances     batches computed at once (one thread each)
 */
public record BatchingSettings(int maxBatchSize, Duration maxQueueDelay, int maxQueueSize, int instances) {
    /** No batching: each request runs alone on the shared inference threads. */
    public static final BatchingSettings OFF = new BatchingSettings(0, Duration.ZERO, 1, 1);

    public BatchingSettings {
        if (maxBatchSize < 0 || maxQueueDelay.isNegative() || maxQueueSize < 1 || instances < 1) {
            throw new IllegalArgumentException("max_batch_size >= 0, max_queue_delay_microseconds >= 0,"
                    + " max_queue_size >= 1 and instance_count >= 1 are required");
        }
    }

    public boolean enabled() {
        return maxBatchSize > 1;
    }
}
