package dev.foresight.serving.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Work taken off the request path: a bounded queue and one daemon thread that hands the work to a
 * handler in batches. {@link #offer} never waits: when the queue is full (the handler is slow or
 * stuck) the item is dropped and counted, so a request never pays for what happens here.
 *
 * <p>A batch is what is queued when the thread wakes, up to {@code maxBatch}; with a
 * {@code maxDelay}, the thread waits up to that long after a batch's first item for it to fill.
 * {@link #close()} stops taking items and lets the thread finish what is queued (waiting up to
 * five seconds).
 */
public final class OffPathQueue<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffPathQueue.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ArrayBlockingQueue<T> queue;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final Consumer<List<T>> handler;
    private final Thread worker;
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;
    private long lastLoggedNanos = System.nanoTime() - LOG_EVERY_NANOS;

    /**
     * Starts the thread.
     *
     * @param handler called on the queue's thread with each batch (a list it may not keep); what it
     *                throws is logged (at most once a minute) and the batch is lost
     */
    public OffPathQueue(String threadName, int capacity, int maxBatch, Duration maxDelay, Consumer<List<T>> handler) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelay.toNanos();
        this.handler = handler;
        this.worker = new Thread(this::run, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues {@code item} if there is room; false (and counted as dropped) when full or closed. */
    public boolean offer(T item) {
        if (closed || !queue.offer(item)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Items dropped so far. */
    public long dropped() {
        return dropped.sum();
    }

    /** Items waiting now. */
    public int waiting() {
        return queue.size();
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                T first = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxDelayNanos;
                while (batch.size() < maxBatch) {
                    long wait = deadline - System.nanoTime();
                    // waits in slices, so that closing does not wait for a batch's delay
                    T next = wait > 0 && !closed ? queue.poll(Math.min(wait, POLL_NANOS), TimeUnit.NANOSECONDS)
                            : queue.poll();
                    if (next != null) {
                        batch.add(next);
                    } else if (wait <= 0 || closed) {
                        break;
                    }
                }
                handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void handle(List<T> batch) {
        try {
            handler.accept(batch);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastLoggedNanos >= LOG_EVERY_NANOS) {
                lastLoggedNanos = now;
                LOG.warn("{}: a batch of {} failed and was dropped", worker.getName(), batch.size(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
