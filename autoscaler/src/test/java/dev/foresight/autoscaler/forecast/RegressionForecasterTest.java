package dev.foresight.autoscaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class RegressionForecasterTest {
    private static final RegressionForecaster.Settings SETTINGS =
            new RegressionForecaster.Settings(12, 1, 2000, 200, 288, 5);

    @Test
    void forecastsPersistenceUntilTrained() {
        RegressionForecaster r = new RegressionForecaster(300, SETTINGS);
        Series.feed(r, Series::daily, Series.MONDAY, 300, 100);
        assertFalse(r.trained());
        assertEquals(Series.daily(Series.MONDAY + 99 * 300), r.forecast(12), 1e-9);
    }

    @Test
    void learnsTheDailyChangeAndBeatsPersistence() {
        LongToDoubleFunction load = Series.noisy(Series::daily, 2, 3);
        RegressionForecaster r = new RegressionForecaster(300, SETTINGS);
        long t = Series.MONDAY;
        double[] history = new double[10 * 288];
        for (int i = 0; i < 3 * 288; i++, t += 300) {
            history[i] = load.applyAsDouble(t);
            r.observe(t, history[i]);
        }
        assertTrue(r.trained());
        double error = 0;
        double persistence = 0;
        int from = 3 * 288;
        for (int i = from; i < from + 288; i++, t += 300) {
            history[i] = load.applyAsDouble(t);
            if (i - from >= 12) {
                // forecast made 12 steps ago for now
                persistence += Math.abs(history[i - 12] - history[i]);
            }
            r.observe(t, history[i]);
        }
        // score the trained model on the next day, forecasting 12 steps (1 h) ahead
        double[] made = new double[288 + 12];
        for (int i = 0; i < 288 + 12; i++, t += 300) {
            double v = load.applyAsDouble(t);
            if (i >= 12) {
                error += Math.abs(made[i - 12] - v);
            }
            r.observe(t, v);
            made[i] = r.forecast(12);
        }
        assertTrue(error < persistence / 2, "regression " + error + " persistence " + persistence);
    }

    @Test
    void predictsWhatTribuoPredicts() {
        RegressionForecaster r = new RegressionForecaster(300, SETTINGS);
        Series.feed(r, Series.noisy(Series::daily, 5, 4), Series.MONDAY, 300, 3 * 288);
        assertTrue(r.trained());
        assertEquals(r.tribuoPrediction(), r.predictChange(r.currentFeatures()), 1e-9);
    }
}
