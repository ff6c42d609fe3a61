package dev.foresight.autoscaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastSelectorTest {
    private static ForecastSelector.Settings settings(double quantile) {
        return new ForecastSelector.Settings(15, 7, quantile, 200, 500, 50, 0.05);
    }

    @Test
    void selectsTheModelWithTheLowerRollingErrorAndSwitchesWhenTheRegimeChanges() {
        HoltWintersForecaster trend = new HoltWintersForecaster(15, new HoltWintersForecaster.Parameters(0.5, 0.3, 0.1, 1.0));
        ForecastSelector s = new ForecastSelector(List.of(new PersistenceForecaster(), trend), settings(0.9));
        long t = Series.MONDAY;
        Random noise = new Random(5);
        for (int i = 0; i < 2000; i++, t += 15) {
            s.observe(t, 100 + i * 0.5);
        }
        assertEquals("holt-winters", s.current().model(), "a ramp favours the trend model");
        double walk = 2000;
        for (int i = 0; i < 3000; i++, t += 15) {
            // a random walk: persistence is optimal, a trend model extrapolates noise
            walk = Math.max(100, walk + 10 * noise.nextGaussian());
            s.observe(t, walk);
        }
        assertEquals("persistence", s.current().model());
    }

    @Test
    void upperBoundCoversTheRequestedShareOfPeaks() {
        ForecastSelector s = new ForecastSelector(List.of(new PersistenceForecaster()), settings(0.9));
        Random r = new Random(6);
        long t = Series.MONDAY;
        double[] values = new double[6000];
        double[] uppers = new double[6000];
        for (int i = 0; i < values.length; i++, t += 15) {
            values[i] = 100 * Math.exp(0.1 * r.nextGaussian());
            s.observe(t, values[i]);
            uppers[i] = s.current().upper();
            assertTrue(uppers[i] >= s.current().peak());
        }
        int covered = 0;
        int counted = 0;
        for (int i = 1000; i + 7 < values.length; i++) {
            double peak = 0;
            for (int k = 1; k <= 7; k++) {
                peak = Math.max(peak, values[i + k]);
            }
            covered += peak <= uppers[i] ? 1 : 0;
            counted++;
        }
        double share = (double) covered / counted;
        assertTrue(share > 0.85 && share < 0.95, "covered " + share);
    }

    @Test
    void isNotUsableBeforeWarmUp() {
        ForecastSelector s = new ForecastSelector(List.of(new PersistenceForecaster()), settings(0.9));
        assertFalse(s.current().usable());
        // 50 scored forecasts are needed; the first is scored once 7 + 1 values are in
        for (int i = 0; i < 56; i++) {
            s.observe(Series.MONDAY + 15L * i, 10);
        }
        assertFalse(s.current().usable());
        s.observe(Series.MONDAY + 15L * 56, 10);
        assertTrue(s.current().usable());
    }
}
