package dev.foresight.autoscaler.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predictive policy may use only data up to the current tick. */
class CausalityTest {
    private static final Path ELB = Path.of("../data/nab/realAWSCloudwatch/elb_request_count_8c0756.csv");

    private static Recorder run(Trace trace, double capacity) {
        SimulationRules rules = SimulationRules.standard(Duration.ofSeconds(90), capacity);
        Recorder rec = new Recorder();
        new Backtest(rules, null).run("elb", trace,
                List.of(PredictivePolicy.standard(rules, 0.7, PredictivePolicy.Settings.defaults())), List.of(), rec);
        return rec;
    }

    @Test
    void aTruncatedTraceGivesTheSameDecisionsUpToTheCut() throws Exception {
        Trace full = TraceReader.read(ELB);
        int points = 1600; // about five and a half days of 5-minute points: past the first trainings
        double[] times = new double[points];
        double[] loads = new double[points];
        Trace.Cursor c = full.cursor();
        double start = full.start();
        for (int i = 0; i < points; i++) {
            times[i] = start + i * 300;
            loads[i] = c.loadAt(times[i]);
        }
        int cut = 1100;
        Trace longer = Trace.of(times, loads);
        Trace shorter = Trace.of(Arrays.copyOf(times, cut), Arrays.copyOf(loads, cut));
        double capacity = longer.quantile(0.995) / 14;

        List<Recorder.Row> a = run(longer, capacity).rows;
        List<Recorder.Row> b = run(shorter, capacity).rows;
        assertTrue(b.size() > 20_000 && a.size() > b.size());
        for (int i = 0; i < b.size(); i++) {
            assertEquals(b.get(i).requested(), a.get(i).requested(), "requested differs at tick " + i);
            assertEquals(b.get(i).ready(), a.get(i).ready(), "ready differs at tick " + i);
            assertEquals(b.get(i).forecast(), a.get(i).forecast(), "forecast differs at tick " + i);
        }
        // and the policy did act on its forecasts in that span, so the check is not vacuous
        long differs = 0;
        Recorder hpa = new Recorder();
        new Backtest(SimulationRules.standard(Duration.ofSeconds(90), capacity), null).run("elb", shorter,
                List.of(new HpaPolicy("hpa", capacity, 0.7, 0.1)), List.of(), hpa);
        for (int i = 0; i < b.size(); i++) {
            differs += b.get(i).requested() != hpa.rows.get(i).requested() ? 1 : 0;
        }
        assertTrue(differs > 1000, "predictive differed from the HPA on " + differs + " ticks");
    }
}
