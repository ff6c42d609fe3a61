package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringQueueTest {
    private static final InferRequest REQUEST = new InferRequest(null,
            List.of(new Tensor("x", Datatype.FP32, new long[] {1}, new float[] {1})), List.of());

    private static MonitoringSettings settings(int queueCapacity) {
        return new MonitoringSettings(1000, Duration.ofMinutes(10), 10, 1000, 0.01, 0.25, 100, queueCapacity, 1.0);
    }

    @Test
    void answeredRequestsAreCountedOnTheQueuesThread() throws Exception {
        ModelMonitors monitors = new ModelMonitors(ProfileSource.NONE, settings(100), System::nanoTime);
        try (MonitoringQueue queue = new MonitoringQueue(monitors)) {
            for (int i = 0; i < 50; i++) {
                queue.answered("m", 1, REQUEST, List.of());
            }
        }
        assertEquals(50, monitors.report("m", 1).requests());
        assertEquals(0, monitors.report("m", 1).dropped());
    }

    @Test
    void aStuckMonitorNeverBlocksTheRequestPathItDropsAndCounts() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProfileSource stuck = (model, version) -> {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        };
        ModelMonitors monitors = new ModelMonitors(stuck, settings(8), System::nanoTime);
        try (MonitoringQueue queue = new MonitoringQueue(monitors)) {
            queue.answered("m", 1, REQUEST, List.of());
            assertTrue(reading.await(30, TimeUnit.SECONDS), "the queue's thread reads the profile");
            for (int i = 0; i < 8 + 5; i++) {
                queue.answered("m", 1, REQUEST, List.of());
            }
            assertEquals(5, monitors.droppedOf("m"));
            assertEquals(8, queue.waiting());
            release.countDown();
        }
        MonitorReport report = monitors.report("m", 1);
        assertEquals(9, report.requests());
        assertEquals(5, report.dropped());
    }

    @Test
    void aSampleRateMonitorsAShareOfRequests() throws Exception {
        MonitoringSettings half = new MonitoringSettings(1000, Duration.ofMinutes(10), 10, 100_000, 0.01, 0.25, 100,
                100_000, 0.5);
        ModelMonitors monitors = new ModelMonitors(ProfileSource.NONE, half, System::nanoTime);
        try (MonitoringQueue queue = new MonitoringQueue(monitors)) {
            for (int i = 0; i < 20_000; i++) {
                queue.answered("m", 1, REQUEST, List.of());
            }
        }
        long counted = monitors.report("m", 1).requests();
        assertTrue(counted > 9_000 && counted < 11_000, counted + " of 20,000 at a rate of 0.5");
    }
}
