package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffPathQueueTest {

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handled = new CopyOnWriteArrayList<>();
        try (OffPathQueue<Integer> queue = new OffPathQueue<>("test", 10, 1, Duration.ZERO, batch -> {
            handling.countDown();
            await(release);
            handled.addAll(batch);
        })) {
            assertTrue(queue.offer(0));
            assertTrue(handling.await(30, TimeUnit.SECONDS));
            for (int i = 1; i <= 10; i++) {
                assertTrue(queue.offer(i), "room for " + i);
            }
            for (int i = 11; i <= 15; i++) {
                assertFalse(queue.offer(i), "no room for " + i);
            }
            assertEquals(5, queue.dropped());
            release.countDown();
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), handled, "closing finishes what was queued");
    }

    @Test
    void batchesWaitForTheirDelayToFillAndCloseSendsTheRest() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        try (OffPathQueue<Integer> queue = new OffPathQueue<>("test", 100, 4, Duration.ofMinutes(10), batch -> {
            batches.add(List.copyOf(batch));
            first.countDown();
        })) {
            for (int i = 0; i < 6; i++) {
                queue.offer(i);
            }
            assertTrue(first.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(List.of(0, 1, 2, 3)), batches, "a full batch goes at once; the rest waits");
        }
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5)), batches, "closing sends what waits");
    }

    @Test
    void aFailingHandlerLosesItsBatchNotTheQueue() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        try (OffPathQueue<Integer> queue = new OffPathQueue<>("test", 10, 1, Duration.ZERO, batch -> {
            if (batch.get(0) == 1) {
                throw new IllegalStateException("broken");
            }
            second.countDown();
        })) {
            queue.offer(1);
            queue.offer(2);
            assertTrue(second.await(30, TimeUnit.SECONDS));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
