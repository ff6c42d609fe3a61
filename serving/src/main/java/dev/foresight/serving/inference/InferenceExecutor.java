package dev.foresight.serving.inference;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that run models, with a bounded queue in front: when the queue is full a request
 * fails fast with {@link OverloadedException} instead of piling up. Closing stops accepting work
 * and waits for queued work to finish.
 */
public final class InferenceExecutor implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int queueCapacity;

    /**
     * @param threads       threads computing at once (about the number of cores, since each
     *                      ORT call runs on its calling thread with one intra-op thread)
     * @param queueCapacity requests allowed to wait for a thread
     */
    public InferenceExecutor(int threads, int queueCapacity) {
        this.queueCapacity = queueCapacity;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "inference-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on an inference thread.
     *
     * @return the work's result; completes exceptionally with what it threw
     * @throws OverloadedException when the queue is full or the executor is closed
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            throw new OverloadedException(pool.isShutdown() ? "the server is shutting down"
                    : "too many requests: " + queueCapacity + " already waiting; retry later");
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
