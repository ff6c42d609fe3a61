package dev.foresight.autoscaler.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.autoscaler.decision.ScalingBehavior;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The brief's simulation rules, checked against small traces computed by hand. */
class SimulationRulesTest {

    private static int[] requested(Recorder r, String policy) {
        return r.of(policy).stream().mapToInt(Recorder.Row::requested).toArray();
    }

    private static int[] ready(Recorder r, String policy) {
        return r.of(policy).stream().mapToInt(Recorder.Row::ready).toArray();
    }

    @Test
    void hpaOnAStepUpMatchesTheHandComputation() {
        // C = 10, u = 1, delay 30 s (2 ticks); load 10 until t=45, 30 from t=60 on
        Trace trace = Trace.of(new double[] {0, 45, 60, 150}, new double[] {10, 10, 30, 30});
        SimulationRules rules = SimulationRules.standard(Duration.ofSeconds(30), 10);
        Recorder rec = new Recorder();
        BacktestResult r = new Backtest(rules, null).run("step", trace,
                List.of(new HpaPolicy("hpa", 10, 1.0, 0.1)), List.of(), rec);
        // signal at t=60: (10+10+10+30)/4 = 15 -> 2; t=75: 20/(2*10) = 1 keep; t=90: 25 -> 3
        assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3}, requested(rec, "hpa"));
        // the replica asked at t=60 is ready at t=90, the one asked at t=90 at t=120
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3}, ready(rec, "hpa"));
        PolicySummary s = r.policies().get(0);
        assertEquals(11, s.ticks());
        assertEquals(1.0, s.violationMinutes(), 1e-12);          // t = 60, 75, 90, 105
        assertEquals(60.0 / 250.0, s.unservedFraction(), 1e-12); // (20+20+10+10) / (4*10 + 7*30)
        assertEquals(23 * 15 / 3600.0, s.replicaHours(), 1e-12);
        assertEquals(2, s.scaleEvents());
    }

    @Test
    void scaleDownWaitsForTheStabilisationWindow() {
        // C = 10, u = 1, no delay; load 40 until t=60, then 10
        Trace trace = Trace.of(new double[] {0, 60, 75, 600}, new double[] {40, 40, 10, 10});
        SimulationRules rules = SimulationRules.standard(Duration.ZERO, 10);
        Recorder rec = new Recorder();
        BacktestResult r = new Backtest(rules, null).run("down", trace,
                List.of(new HpaPolicy("hpa", 10, 1.0, 0.1)), List.of(), rec);
        int[] req = requested(rec, "hpa");
        // proposals: 4 up to t=75 (signal 32.5 keeps 4), 3 at t=90, 2 at t=105, 1 from t=120
        // requested holds the highest proposal of (t-300 s, t]: 4 until t=360, then 3, 2, 1
        assertEquals(4, req[24]);                 // t = 360
        assertEquals(3, req[25]);                 // t = 375
        assertEquals(2, req[26]);                 // t = 390
        assertEquals(1, req[27]);                 // t = 405
        assertEquals(1, req[req.length - 1]);
        assertEquals(3, r.policies().get(0).scaleEvents());
        assertEquals(0, r.policies().get(0).violationMinutes());
    }

    @Test
    void removalTakesReplicasStillStartingFirst() {
        // a scripted policy: 2 at first, 6 at tick 1, 3 at tick 2; no down-stabilisation
        ScalingBehavior noWindow = new ScalingBehavior(0.1, Duration.ZERO, Duration.ZERO,
                ScalingBehavior.kubernetesDefaults().scaleUpPolicies(),
                ScalingBehavior.kubernetesDefaults().scaleDownPolicies(), 1, Integer.MAX_VALUE);
        SimulationRules rules = new SimulationRules(Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofSeconds(45), 10, noWindow, Interpolation.LINEAR);
        int[] script = {2, 6, 3, 3, 3, 3, 3};
        ScalingPolicy scripted = new ScalingPolicy() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public double targetUtilization() {
                return 1.0;
            }

            @Override
            public int propose(TickView tick) {
                return script[(int) tick.index()];
            }
        };
        Trace trace = Trace.of(new double[] {0, 90}, new double[] {20, 20});
        Recorder rec = new Recorder();
        new Backtest(rules, null).run("scripted", trace, List.of(scripted), List.of(), rec);
        assertArrayEquals(new int[] {2, 6, 3, 3, 3, 3, 3}, requested(rec, "scripted"));
        // 4 started at tick 1 (ready at tick 4); 3 of them removed at tick 2; 1 arrives at tick 4
        assertArrayEquals(new int[] {2, 2, 2, 2, 3, 3, 3}, ready(rec, "scripted"));
    }

    @Test
    void startsWithEnoughReplicasForTheFirstLoadAtTarget() {
        Trace trace = Trace.of(new double[] {0, 30}, new double[] {95, 95});
        Recorder rec = new Recorder();
        new Backtest(SimulationRules.standard(Duration.ofSeconds(90), 10), null).run("init", trace,
                List.of(new HpaPolicy("hpa", 10, 0.7, 0.1)), List.of(), rec);
        assertEquals(14, rec.of("hpa").get(0).requested()); // ceil(95 / 7)
        assertEquals(14, rec.of("hpa").get(0).ready());
    }
}
