package dev.foresight.autoscaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BaselineForecastersTest {

    @Test
    void persistenceRepeatsTheLastValue() {
        PersistenceForecaster p = new PersistenceForecaster();
        p.observe(0, 3);
        p.observe(15, 7);
        assertEquals(7, p.forecast(1));
        assertEquals(7, p.forecastPeak(7));
    }

    @Test
    void seasonalNaiveIsPersistenceUntilASeasonIsFound() {
        SeasonalNaiveForecaster s = new SeasonalNaiveForecaster(300);
        Series.feed(s, Series::daily, Series.MONDAY, 300, 12 * 12);
        assertEquals(Season.NONE, s.season());
        assertEquals(Series.daily(Series.MONDAY + 143 * 300), s.forecast(6), 1e-9);
    }

    @Test
    void seasonalNaiveRepeatsTheValueOneSeasonAgo() {
        SeasonalNaiveForecaster s = new SeasonalNaiveForecaster(300);
        int steps = 3 * 288;
        Series.feed(s, t -> Series.daily(t) + (t - Series.MONDAY) / 86_400.0, Series.MONDAY, 300, steps);
        assertEquals(Season.DAILY, s.season());
        long last = Series.MONDAY + (steps - 1) * 300L;
        long target = last + 6 * 300L;
        assertEquals(Series.daily(target) + (target - 86_400 - Series.MONDAY) / 86_400.0, s.forecast(6), 1e-9);
    }
}
