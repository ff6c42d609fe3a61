package dev.foresight.autoscaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoltWintersForecasterTest {

    @Test
    void extrapolatesATrend() {
        HoltWintersForecaster hw = new HoltWintersForecaster(15, new HoltWintersForecaster.Parameters(0.5, 0.3, 0.1, 1.0));
        Series.feed(hw, t -> 100 + (t - Series.MONDAY) / 15.0, Series.MONDAY, 15, 400);
        // last value 499; 7 steps later 506
        assertEquals(506, hw.forecast(7), 506 * 0.005);
        assertEquals(Season.NONE, hw.season());
    }

    @Test
    void learnsTheDailyShapeAndBeatsPersistenceAnHourAhead() {
        HoltWintersForecaster hw = new HoltWintersForecaster(300);
        PersistenceForecaster persistence = new PersistenceForecaster();
        long start = Series.MONDAY;
        int steps = 4 * 288;
        Series.feed(hw, Series::daily, start, 300, steps);
        Series.feed(persistence, Series::daily, start, 300, steps);
        assertEquals(Season.DAILY, hw.season());
        double hwError = 0;
        double persistenceError = 0;
        long t = start + (long) steps * 300;
        for (int i = 0; i < 288; i++, t += 300) {
            double actual = Series.daily(t + 11 * 300);
            hwError += Math.abs(hw.forecast(12) - actual);
            persistenceError += Math.abs(persistence.forecast(12) - actual);
            hw.observe(t, Series.daily(t));
            persistence.observe(t, Series.daily(t));
        }
        assertTrue(hwError < persistenceError / 3, "hw " + hwError + " persistence " + persistenceError);
    }

    @Test
    void forecastsFromTheFirstObservationWithoutASeason() {
        HoltWintersForecaster hw = new HoltWintersForecaster(15);
        assertTrue(Double.isNaN(hw.forecast(1)));
        hw.observe(Series.MONDAY, 42);
        assertEquals(42, hw.forecast(7), 1e-9);
        Series.feed(hw, Series::daily, Series.MONDAY + 15, 15, 6 * 240);
        assertFalse(Double.isNaN(hw.forecast(7)));
        assertEquals(Season.NONE, hw.season(), "six hours cannot show a daily season");
    }
}
