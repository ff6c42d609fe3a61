package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureSketchTest {

    @Test
    void addingAndClearingCoverEveryBinTouchedSinceTheLastClear() {
        FeatureSketch request = new FeatureSketch(10, 200);
        FeatureSketch total = new FeatureSketch(10, 200);
        request.addRank(3, 5);
        request.addRank(7, 150);
        request.addTo(total);
        request.clear();
        assertArrayEquals(new long[10], request.bins);
        assertArrayEquals(new long[4], request.seen);
        request.addRank(1, 70);
        request.addRank(9, -1);
        request.addTo(total);
        assertArrayEquals(new long[] {0, 1, 0, 1, 0, 0, 0, 1, 0, 1}, total.bins);
        assertEquals(3, total.distinct());
        FeatureSketch merged = new FeatureSketch(10, 200);
        total.addTo(merged);
        assertArrayEquals(total.bins, merged.bins, "a merged sketch carries its whole range on");
        assertArrayEquals(total.seen, merged.seen);
        total.clear();
        assertArrayEquals(new long[10], total.bins);
        assertEquals(0, total.distinct());
    }
}
