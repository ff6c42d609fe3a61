package dev.foresight.autoscaler.target;

import dev.foresight.autoscaler.resource.ScaleTargetRef;

/**
 * Reads and sets the replica count of a workload. Thread-safe; blocking.
 */
public interface ScaleTarget {

    /** The target's scale now. */
    Scale read(ScaleTargetRef ref) throws ScaleTargetException;

    /**
     * Sets the requested replicas, on the condition that the target is still at
     * {@code decidedOn.resourceVersion()}. On a conflict the state is read again: if it already
     * requests {@code replicas} nothing more is written (no double scaling); otherwise the write is
     * retried on the fresh version, a bounded number of times.
     *
     * @return the scale after the write (or the fresh one that already had {@code replicas})
     */
    Scale write(ScaleTargetRef ref, Scale decidedOn, int replicas) throws ScaleTargetException;
}
