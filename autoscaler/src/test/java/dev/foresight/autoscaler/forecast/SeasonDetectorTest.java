package dev.foresight.autoscaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class SeasonDetectorTest {

    private static SeasonDetector feed(LongToDoubleFunction f, int hours) {
        SeasonDetector d = new SeasonDetector();
        for (long t = Series.MONDAY; t < Series.MONDAY + hours * 3600L + 1; t += 300) {
            d.observe(t, f.applyAsDouble(t));
        }
        return d;
    }

    @Test
    void findsADailySeason() {
        SeasonDetector d = feed(Series.noisy(Series::daily, 10, 1), 4 * 24);
        assertEquals(Season.DAILY, d.season());
        assertTrue(d.dailyCorrelation() > 0.6, "r24 " + d.dailyCorrelation());
    }

    @Test
    void findsAWeeklySeasonOnceTwoWeeksAreHeld() {
        SeasonDetector early = feed(Series::weekly, 10 * 24);
        assertEquals(Season.DAILY, early.season(), "weekly needs 336 h; daily meanwhile");
        SeasonDetector d = feed(Series::weekly, 3 * 168);
        assertEquals(Season.WEEKLY, d.season());
        assertTrue(d.weeklyCorrelation() > d.dailyCorrelation());
    }

    @Test
    void findsNoSeasonInNoise() {
        SeasonDetector d = feed(Series.noisy(t -> 100, 20, 2), 3 * 168);
        assertEquals(Season.NONE, d.season());
    }

    @Test
    void degradesToNoSeasonOnAShortHistory() {
        SeasonDetector d = feed(Series::daily, 30);
        assertEquals(Season.NONE, d.season());
        assertEquals(30, d.hoursHeld());
    }
}
