package dev.foresight.serving.monitoring;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CategoricalReferenceTest {

    @Test
    void bucketsHoldAboutEqualSharesHeaviestValuesFirst() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("heavy", 500L);
        for (int i = 0; i < 500; i++) {
            counts.put("light" + i, 1L);
        }
        CategoricalReference reference = CategoricalReference.of(counts);
        assertEquals(11, reference.bins());
        assertEquals(0.5, reference.shares()[0], 1e-12, "the heavy value alone");
        assertEquals(0, reference.binOfRank(reference.rank("heavy")));
        assertEquals(9, reference.binOfRank(reference.rank("light99")));
        assertEquals(0, reference.shares()[10], "nothing unseen in the reference");
        assertEquals(10, reference.binOfRank(reference.rank("never")));
        double sum = 0;
        for (double share : reference.shares()) {
            sum += share;
        }
        assertEquals(1, sum, 1e-12);
    }

    @Test
    void integerValuesAreFoundWithoutText() {
        CategoricalReference reference = CategoricalReference.of(Map.of("17850", 3L, "12748", 5L, "abc", 1L));
        assertEquals(0, reference.rank(12748L));
        assertEquals(1, reference.rank(17850L));
        assertEquals(-1, reference.rank(99999L));
        assertEquals(2, reference.rank("abc"));
    }

    @Test
    void fewValuesMakeFewerBuckets() {
        CategoricalReference reference = CategoricalReference.of(Map.of("true", 7L, "false", 3L));
        assertEquals(3, reference.bins());
        assertEquals(0.7, reference.shares()[0], 1e-12);
        assertEquals(0.3, reference.shares()[1], 1e-12);
    }

    @Test
    void rejectsNonPositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> CategoricalReference.of(Map.of("a", 0L)));
        assertThrows(IllegalArgumentException.class, () -> CategoricalReference.of(Map.of()));
    }
}
