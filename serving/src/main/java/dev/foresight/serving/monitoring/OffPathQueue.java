package dev.foresight.serving.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Work taken off the request path: a bounded queue and one daemon thread that hands the work to a
 * handler in batches. {@link #offer} never waits: when the queue is full (the handler is slow or
 * stuck) the item is dropped and counted, so a request never pays for what happens here.
 *
 * <p>A batch is what is queued when the thread wakes, up to {@code maxBatch}; with a
 * {@code maxDelay}, the thread waits up to that long after a batch's first item for it to fill.
 * The thread polls (see {@link #run()}): a request's offer takes the queue's lock and nothing else.
 * {@link #close()} stops taking items and lets the thread finish what is queued (waiting up to
 * five seconds).
 */
public final class OffPathQueue<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffPathQueue.class);
    private static final long MIN_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
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

    /**
     * Drains without ever waiting on the queue, so that an offer never has a thread to wake: the
     * thread sleeps between drains, 5 ms after work and 10 ms when idle, so it wakes at most 200
     * times a second and handles what came meanwhile at once (10 ms of traffic must fit the
     * queue). Waking per item cost the recommender's monitoring about three times its counting.
     */
    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        long idleNanos = MIN_IDLE_NANOS;
        while (true) {
            boolean closing = closed;
            queue.drainTo(batch, maxBatch);
            if (batch.isEmpty()) {
                if (closing) {
                    return;
                }
                LockSupport.parkNanos(idleNanos);
                idleNanos = Math.min(MAX_IDLE_NANOS, idleNanos * 2);
                continue;
            }
            idleNanos = MIN_IDLE_NANOS;
            long deadline = System.nanoTime() + maxDelayNanos;
            while (batch.size() < maxBatch && !closed) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                LockSupport.parkNanos(Math.min(wait, MAX_IDLE_NANOS));
                queue.drainTo(batch, maxBatch - batch.size());
            }
            handle(batch);
            batch.clear();
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
