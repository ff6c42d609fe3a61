package dev.foresight.autoscaler.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.metrics.AutoscalerMetrics;
import dev.foresight.autoscaler.resource.Fallback;
import dev.foresight.autoscaler.resource.MetricSpec;
import dev.foresight.autoscaler.resource.Mode;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import dev.foresight.autoscaler.resource.ScaleTargetRef;
import dev.foresight.autoscaler.signal.LoadSample;
import dev.foresight.autoscaler.signal.LoadSource;
import dev.foresight.autoscaler.signal.LoadUnavailableException;
import dev.foresight.autoscaler.signal.LoadValidation;
import dev.foresight.autoscaler.signal.PrometheusSettings;
import dev.foresight.autoscaler.target.EventRecorder;
import dev.foresight.autoscaler.target.Scale;
import dev.foresight.autoscaler.target.ScaleTarget;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomised invariants of the control loop over thousands of syncs: whatever the load (up to
 * 1e14, spikes, seasonal history), whatever the forecast makes of it, whatever someone else does to
 * the target, every write lies within [minReplicas, maxReplicas]; a failed read never lowers the
 * count before the fallback threshold; the fallback with {@code neverBelowCurrent} never lowers it.
 * The load source applies the real validation to raw values (negative, NaN, 1e30 included). Load
 * and target are in-memory here so the case count can be large; the fault table tests use the real
 * clients.
 */
class ReplicaBoundsPropertyTest {
    private static final int SYNCS = 3_000;

    /** Raw values as a broken or hostile Prometheus might send them, validated as the real client does. */
    private static final class HostileLoad implements LoadSource {
        private final Random random;
        boolean failedLast;

        HostileLoad(Random random) {
            this.random = random;
        }

        @Override
        public double latest(String query) throws LoadUnavailableException {
            double raw = switch (random.nextInt(12)) {
                case 0 -> Double.NaN;
                case 1 -> -random.nextDouble() * 100;
                case 2 -> 1e30;
                case 3 -> Double.POSITIVE_INFINITY;
                case 4 -> random.nextDouble() * 1e14;
                default -> 50 + 40 * Math.sin(random.nextDouble() * 6) + random.nextGaussian() * 10;
            };
            failedLast = true;
            double value = LoadValidation.check(raw, PrometheusSettings.DEFAULT_ABSURD_ABOVE);
            failedLast = false;
            return value;
        }

        @Override
        public int history(String query, Instant from, Instant to, Duration step, Consumer<LoadSample> sink) {
            int n = 0;
            for (long t = from.getEpochSecond(); t <= to.getEpochSecond(); t += step.toSeconds()) {
                double daily = 60 + 50 * Math.sin(2 * Math.PI * t / 86_400.0);
                sink.accept(new LoadSample(t, random.nextInt(500) == 0 ? 1e12 : Math.max(0, daily)));
                n++;
            }
            return n;
        }
    }

    /** A target someone else also scales now and then, sometimes beyond the bounds. */
    private static final class SharedTarget implements ScaleTarget {
        int replicas = 3;
        int version;
        int lastWrite = -1;

        @Override
        public Scale read(ScaleTargetRef ref) {
            return new Scale(replicas, replicas, String.valueOf(version));
        }

        @Override
        public Scale write(ScaleTargetRef ref, Scale decidedOn, int wanted) {
            replicas = wanted;
            version++;
            lastWrite = wanted;
            return read(ref);
        }
    }

    private static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-03-02T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyWriteStaysWithinTheBoundsAndMissingDataNeverScalesDown(long seed) {
        Random random = new Random(seed);
        int min = 2;
        int max = 12;
        boolean neverBelow = seed != 3;
        PredictiveAutoscalerSpec spec = new PredictiveAutoscalerSpec(new ScaleTargetRef("apps/v1", "Deployment", "web"),
                min, max, new MetricSpec("load", 10), 0.7, Duration.ofSeconds(60), LoopFixture.FAST, Mode.Auto,
                new Fallback(4, 3, neverBelow));
        HostileLoad load = new HostileLoad(random);
        SharedTarget target = new SharedTarget();
        SteppedClock clock = new SteppedClock();
        ControlLoop loop = new ControlLoop("web-pa", spec, 1,
                new LoopSettings(Duration.ofSeconds(15), Duration.ofDays(1), 10_000),
                new ControlLoop.Dependencies(load, target, EventRecorder.NONE, () -> true,
                        new AutoscalerMetrics(new PrometheusRegistry()), clock));
        int writes = 0;
        int consecutiveFailures = 0;
        for (int i = 0; i < SYNCS; i++) {
            if (random.nextInt(50) == 0) {
                target.replicas = random.nextInt(20) + 1; // someone scales by hand, maybe beyond max
            }
            int before = target.replicas;
            target.lastWrite = -1;
            loop.sync();
            consecutiveFailures = load.failedLast ? consecutiveFailures + 1 : 0;
            if (target.lastWrite >= 0) {
                writes++;
                assertTrue(target.lastWrite >= min && target.lastWrite <= max,
                        "sync " + i + ": wrote " + target.lastWrite);
                if (load.failedLast && consecutiveFailures < 3) {
                    throw new AssertionError("sync " + i + ": wrote on missing data before the threshold");
                }
                if (load.failedLast && neverBelow) {
                    assertTrue(target.lastWrite >= Math.min(before, max),
                            "sync " + i + ": fallback lowered " + before + " to " + target.lastWrite);
                }
            } else if (!load.failedLast) {
                assertTrue(before >= min && before <= max,
                        "sync " + i + ": " + before + " outside the bounds was left as it is");
            }
            clock.now = clock.now.plusSeconds(15);
        }
        assertTrue(writes > 100, "the loop did act: " + writes + " writes");
    }
}
