package dev.foresight.serving.inference;

/**
 * Where the time of one inference request went, and which version served it. The dispatcher
 * records the version; a {@link ModelRunner} records the time queued and computing, on its own
 * thread, before it completes the request's future. Read after completion.
 */
public final class RequestTiming {
    private volatile long version;
    private volatile long queueNanos;
    private volatile long computeNanos;

    /** Records the version that took the request. */
    public void servedBy(long version) {
        this.version = version;
    }

    /** Records the time spent waiting (for a thread or a batch) and computing. */
    void ran(long queueNanos, long computeNanos) {
        this.queueNanos = queueNanos;
        this.computeNanos = computeNanos;
    }

    /** The version that served the request, or 0 when none did. */
    public long version() {
        return version;
    }

    /** Time waiting for an inference thread or a batch; 0 when the request never queued. */
    public long queueNanos() {
        return queueNanos;
    }

    /** Time inside the runtime; 0 when the request never got there. */
    public long computeNanos() {
        return computeNanos;
    }
}
