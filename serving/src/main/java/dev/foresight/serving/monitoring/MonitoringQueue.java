package dev.foresight.serving.monitoring;

import dev.foresight.serving.dispatch.PayloadObserver;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request path's side of monitoring: each answered request (or a sampled share of them) is
 * queued, as references to its tensors with the time, and counted into its version's monitor on
 * the queue's thread. Costs a request one small object and a non-blocking offer; a full queue
 * drops the request's sample and counts it against its model.
 */
public final class MonitoringQueue implements PayloadObserver, AutoCloseable {
    private static final int BATCH = 256;

    private final ModelMonitors monitors;
    private final double sampleRate;
    private final OffPathQueue<Sample> queue;

    private record Sample(String model, long version, InferRequest request, List<Tensor> outputs, long nanos) {
    }

    public MonitoringQueue(ModelMonitors monitors) {
        this.monitors = monitors;
        this.sampleRate = monitors.settings().sampleRate();
        this.queue = new OffPathQueue<>("monitoring", monitors.settings().queueCapacity(), BATCH, Duration.ZERO,
                this::count);
    }

    /** Counts a batch, looking a monitor up once for each run of samples of one version. */
    private void count(List<Sample> batch) {
        ModelMonitor monitor = null;
        for (Sample sample : batch) {
            if (monitor == null || monitor.version() != sample.version() || !monitor.model().equals(sample.model())) {
                monitor = monitors.monitor(sample.model(), sample.version());
            }
            monitor.fold(sample.request(), sample.outputs(), sample.nanos());
        }
    }

    @Override
    public void answered(String model, long version, InferRequest request, List<Tensor> outputs) {
        if (sampleRate < 1 && ThreadLocalRandom.current().nextDouble() >= sampleRate) {
            return;
        }
        if (!queue.offer(new Sample(model, version, request, outputs, System.nanoTime()))) {
            monitors.dropped(model);
        }
    }

    /** Samples waiting to be counted. */
    public int waiting() {
        return queue.waiting();
    }

    @Override
    public void close() {
        queue.close();
    }
}
