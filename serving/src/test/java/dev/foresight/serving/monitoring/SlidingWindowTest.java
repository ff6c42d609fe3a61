package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlidingWindowTest {
    private static final List<FeatureReference> REFERENCES = List.of(
            new NumericReference(new double[] {0, 1}, new double[] {0.5, 1}, 0));

    private static void count(SlidingWindow window, long nanos, double value) {
        Pane pane = window.paneFor(nanos);
        pane.requests++;
        pane.sketches[0].rows++;
        pane.sketches[0].addValue(((NumericReference) REFERENCES.get(0)).bin(value), value);
    }

    private static Pane sum(SlidingWindow window, long nanos) {
        Pane total = new Pane(REFERENCES);
        window.sum(nanos, total);
        return total;
    }

    @Test
    void aWindowByCountDropsItsOldestPaneWhenTheNewestIsFull() {
        SlidingWindow window = SlidingWindow.byCount(REFERENCES, 4, 100);
        for (int i = 0; i < 100; i++) {
            count(window, 0, 0);
        }
        assertEquals(100, sum(window, 0).requests);
        for (int i = 0; i < 30; i++) {
            count(window, 0, 5);
        }
        Pane total = sum(window, 0);
        assertEquals(80, total.requests, "three full panes of 25 and 5 in the newest");
        assertEquals(30, total.sketches[0].bins[3], "the 30 newest values are above the range");
        assertEquals(5, total.sketches[0].max);
    }

    @Test
    void aWindowByTimeForgetsPanesAsTimePassesEvenWithoutRequests() {
        long second = Duration.ofSeconds(1).toNanos();
        SlidingWindow window = SlidingWindow.byTime(REFERENCES, 10, Duration.ofSeconds(10));
        for (int s = 0; s < 10; s++) {
            count(window, s * second, 0.5);
        }
        assertEquals(10, sum(window, 9 * second).requests);
        assertEquals(7, sum(window, 12 * second).requests, "the panes of seconds 0-2 are gone");
        assertEquals(0, sum(window, 60 * second).requests);
        count(window, 61 * second, 0.5);
        assertEquals(1, sum(window, 61 * second).requests);
    }

    @Test
    void memoryDoesNotGrowWithRequests() {
        SlidingWindow window = SlidingWindow.byCount(REFERENCES, 10, 1000);
        long before = window.bytes();
        for (int i = 0; i < 100_000; i++) {
            count(window, i, i % 3);
        }
        assertEquals(before, window.bytes());
    }
}
