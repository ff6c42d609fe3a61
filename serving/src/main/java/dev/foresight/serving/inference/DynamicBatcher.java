package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stacks concurrent requests to one model along the first dimension, runs them as one call, and
 * hands each request its own rows of the outputs.
 *
 * <p>A batch is closed when it holds {@code maxBatchSize} rows or when its first request has
 * waited {@code maxQueueDelay}. Only requests with the same outputs and the same non-batch
 * dimensions join one batch. The queue is bounded: a full queue refuses at once with
 * {@link OverloadedException}. Each of {@code instances} threads computes one batch at a time. A
 * batch the runtime refuses for its values is run again request by request, so that one
 * request's bad values fail that request alone.
 * {@link #close()} stops the threads; the owner closes it after the last request has completed.
 */
public final class DynamicBatcher implements ModelRunner {
    private final String model;
    private final ModelSession session;
    private final BatchingSettings settings;
    private final InferenceObserver observer;
    private final java.util.Set<String> batchable;
    private final ArrayBlockingQueue<Pending> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    DynamicBatcher(String model, ModelSession session, BatchingSettings settings, InferenceObserver observer) {
        this.model = model;
        this.session = session;
        this.settings = settings;
        this.observer = observer;
        this.batchable = session.inputs().stream().filter(TensorSpec::batchable).map(TensorSpec::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
        AtomicInteger counter = new AtomicInteger();
        for (int i = 0; i < settings.instances(); i++) {
            Thread worker = new Thread(this::work, "batcher-" + model + "-" + counter.incrementAndGet());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Whether a model can be batched: every required input and every output has a dynamic first
     * dimension. Requests that also give an optional input without one run alone.
     */
    static boolean canBatch(List<TensorSpec> inputs, List<TensorSpec> outputs) {
        List<TensorSpec> required = inputs.stream().filter(spec -> !spec.optional()).toList();
        return !required.isEmpty() && java.util.stream.Stream.concat(required.stream(), outputs.stream())
                .allMatch(TensorSpec::batchable);
    }

    /** Queues one request; it runs in the next batch it fits. */
    @Override
    public CompletableFuture<List<Tensor>> run(Map<String, Tensor> inputs, List<String> outputs, RequestTiming timing) {
        boolean stackable = inputs.keySet().stream().allMatch(batchable::contains);
        Tensor first = inputs.values().stream().filter(t -> batchable.contains(t.name())).findFirst()
                .orElse(inputs.values().iterator().next());
        long rows = first.shape().length == 0 ? 1 : first.shape()[0];
        for (Tensor tensor : inputs.values()) {
            if (stackable && tensor.shape()[0] != rows) {
                throw new dev.foresight.serving.protocol.BadRequestException("input '" + tensor.name()
                        + "': first dimension " + tensor.shape()[0] + " differs from input '" + first.name()
                        + "' (" + rows + "); batched inputs must agree on it");
            }
        }
        Pending pending = new Pending(inputs, outputs, (int) rows, stackable, timing, System.nanoTime());
        if (closed || !queue.offer(pending)) {
            throw new OverloadedException(closed ? "model '" + model + "' is unloading; retry"
                    : "too many requests for model '" + model + "': " + settings.maxQueueSize()
                    + " already waiting; retry later");
        }
        return pending.result;
    }

    private void work() {
        long delayNanos = settings.maxQueueDelay().toNanos();
        Pending carried = null;
        while (!closed) {
            Pending first = carried;
            carried = null;
            try {
                if (first == null) {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            int rows = first.rows;
            long deadline = first.queuedNanos + delayNanos;
            while (rows < settings.maxBatchSize()) {
                Pending next = queue.poll();
                if (next == null) {
                    long wait = deadline - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        next = queue.poll(wait, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    if (next == null) {
                        break;
                    }
                }
                if (!first.compatible(next) || rows + next.rows > settings.maxBatchSize()) {
                    carried = next; // starts the next batch of this worker
                    break;
                }
                batch.add(next);
                rows += next.rows;
            }
            compute(batch, rows);
        }
        if (carried != null) {
            carried.result.completeExceptionally(new OverloadedException("model '" + model + "' was unloaded; retry"));
        }
    }

    private void compute(List<Pending> batch, int rows) {
        long started = System.nanoTime();
        try {
            List<Tensor> outputs;
            if (batch.size() == 1) {
                outputs = session.run(batch.get(0).inputs, batch.get(0).outputs);
            } else {
                try {
                    outputs = session.run(stack(batch, rows), batch.get(0).outputs);
                } catch (InferenceFailedException e) {
                    // One request's values fail the whole call (an index out of range, a guarded
                    // division by zero): each runs alone, so only the requests at fault fail.
                    for (Pending pending : batch) {
                        compute(List.of(pending), pending.rows);
                    }
                    return;
                }
            }
            long computed = System.nanoTime() - started;
            observer.batch(model, rows);
            if (batch.size() == 1) {
                complete(batch.get(0), outputs, started, computed);
                return;
            }
            int offset = 0;
            for (Pending pending : batch) {
                List<Tensor> own = new ArrayList<>(outputs.size());
                for (Tensor output : outputs) {
                    own.add(slice(output, rows, offset, pending.rows));
                }
                offset += pending.rows;
                complete(pending, own, started, computed);
            }
        } catch (RuntimeException e) {
            for (Pending pending : batch) {
                pending.result.completeExceptionally(e);
            }
        }
    }

    private static void complete(Pending pending, List<Tensor> outputs, long started, long computeNanos) {
        pending.timing.ran(started - pending.queuedNanos, computeNanos);
        pending.result.complete(outputs);
    }

    private static Map<String, Tensor> stack(List<Pending> batch, int rows) {
        Map<String, Tensor> stacked = new HashMap<>();
        for (Tensor template : batch.get(0).inputs.values()) {
            long[] shape = template.shape().clone();
            shape[0] = rows;
            int rowSize = rowSize(template.shape());
            Object data = template.datatype().newArray(rows * rowSize);
            int offset = 0;
            for (Pending pending : batch) {
                Tensor part = pending.inputs.get(template.name());
                System.arraycopy(part.data(), 0, data, offset, part.size());
                offset += part.size();
            }
            stacked.put(template.name(), new Tensor(template.name(), template.datatype(), shape, data));
        }
        return stacked;
    }

    private static Tensor slice(Tensor output, int rows, int offset, int count) {
        long[] shape = output.shape().clone();
        if (shape.length == 0 || shape[0] != rows) {
            throw new InferenceFailedException("output '" + output.name() + "' has first dimension "
                    + (shape.length == 0 ? "none" : shape[0]) + " for a batch of " + rows
                    + " rows; turn dynamic batching off for this model", null);
        }
        int rowSize = rowSize(shape);
        shape[0] = count;
        Object data = output.datatype().newArray(count * rowSize);
        System.arraycopy(output.data(), offset * rowSize, data, 0, count * rowSize);
        return new Tensor(output.name(), output.datatype(), shape, data);
    }

    private static int rowSize(long[] shape) {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return Math.toIntExact(size);
    }

    /**
     * Stops the workers and waits (up to 5 s each) until they have left the session, so the owner
     * may close the session right after. Called from a worker itself (the last request completing on
     * it), that worker is not waited for: it touches the session no more once its batch is done.
     */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            if (worker != Thread.currentThread()) {
                try {
                    worker.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(new OverloadedException("model '" + model + "' was unloaded; retry"));
        }
    }

    private static final class Pending {
        final Map<String, Tensor> inputs;
        final List<String> outputs;
        final int rows;
        final boolean stackable;
        final RequestTiming timing;
        final long queuedNanos;
        final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();

        Pending(Map<String, Tensor> inputs, List<String> outputs, int rows, boolean stackable,
                RequestTiming timing, long queuedNanos) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.rows = rows;
            this.stackable = stackable;
            this.timing = timing;
            this.queuedNanos = queuedNanos;
        }

        /** Both stackable, same inputs and outputs, and the same dimensions after the first. */
        boolean compatible(Pending other) {
            if (!stackable || !other.stackable || !outputs.equals(other.outputs)
                    || !inputs.keySet().equals(other.inputs.keySet())) {
                return false;
            }
            for (Tensor tensor : inputs.values()) {
                Tensor peer = other.inputs.get(tensor.name());
                long[] a = tensor.shape();
                long[] b = peer.shape();
                if (!Arrays.equals(a, 1, a.length, b, 1, b.length)) {
                    return false;
                }
            }
            return true;
        }
    }
}
