package dev.foresight.autoscaler.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceReaderTest {
    private static final double T0 = 1_404_172_800; // 2014-07-01 00:00:00 UTC

    @ParameterizedTest
    @ValueSource(strings = {
        "2014-07-01 00:00:00", "2014-07-01T00:00:00Z", "2014-07-01T02:00:00+02:00",
        "2014-07-01T00:00:00", "1404172800", "1404172800.0", "\"2014-07-01 00:00:00\""})
    void readsTheThreeTimestampForms(String first) throws Exception {
        Trace t = TraceReader.read(new StringReader("timestamp,value\n" + first + ",10\n1404174600,20\n"), "t");
        assertEquals(T0, t.start(), 1e-6);
        assertEquals(T0 + 1800, t.end(), 1e-6);
        assertEquals(15, t.cursor().loadAt(T0 + 900), 1e-9);
    }

    @Test
    void stepInterpolationHoldsEachValueUntilTheNextPoint() throws Exception {
        Trace t = TraceReader.read(new StringReader("t,v\n0,10\n300,40\n600,40\n"), "t");
        Trace.Cursor c = t.cursor(Interpolation.STEP);
        assertEquals(10, c.loadAt(0));
        assertEquals(10, c.loadAt(285));
        assertEquals(40, c.loadAt(300));
        assertEquals(40, c.loadAt(600));
    }

    @Test
    void namesTheLineOfABadRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceReader.read(
                new StringReader("timestamp,value\n2014-07-01 00:00:00,10\nyesterday,3\n"), "trace.csv"));
        assertTrue(e.getMessage().contains("trace.csv:3"), e.getMessage());
    }

    @Test
    void rejectsTimestampsThatGoBackwards() {
        assertThrows(IllegalArgumentException.class, () -> TraceReader.read(
                new StringReader("t,v\n100,1\n50,2\n"), "t"));
    }

    @Test
    void rejectsNegativeLoad() {
        assertThrows(IllegalArgumentException.class, () -> TraceReader.read(
                new StringReader("t,v\n100,1\n150,-2\n"), "t"));
    }
}
