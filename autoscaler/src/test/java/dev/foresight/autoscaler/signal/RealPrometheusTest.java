package dev.foresight.autoscaler.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.autoscaler.harness.RealPrometheus;
import dev.foresight.autoscaler.harness.ServingProcess;
import dev.foresight.autoscaler.harness.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load source against the real Prometheus server: a backfilled trace read back through
 * {@code query_range}, and the model server's request counter scraped live and read as a rate.
 */
class RealPrometheusTest {

    @Test
    void readsABackfilledWeekAndTheModelServersLiveRequestRate(@TempDir Path dir) throws Exception {
        assumeTrue(RealPrometheus.installed(), "Debian package prometheus is not installed");
        Instant now = Instant.now();
        Trace trace = Trace.nycTaxi();
        long traceEnd = Trace.time("2014-07-16 05:00:00");
        String om = trace.openMetrics("foresight_trace_load", traceEnd, Duration.ofDays(7), Duration.ofMinutes(1),
                0.01, now);
        boolean serving = ServingProcess.built();
        try (ServingProcess server = serving ? ServingProcess.start(dir) : null;
             RealPrometheus prometheus = RealPrometheus.start(dir, om,
                     server == null ? List.of() : List.of(server.address()))) {
            PrometheusLoadSource source = new PrometheusLoadSource(PrometheusSettings.defaults(prometheus.url()));

            List<LoadSample> week = new ArrayList<>();
            int points = source.history("foresight_trace_load", now.minus(Duration.ofDays(7)), now,
                    Duration.ofSeconds(61), week::add);
            assertTrue(points >= 9_900, "a week at 61 s is ~9,900 points, got " + points);
            long atNoon = (now.getEpochSecond() - traceEnd) + Trace.time("2014-07-15 12:00:00");
            LoadSample noon = week.stream().filter(s -> Math.abs(s.epochSecond() - atNoon) <= 30).findFirst().orElseThrow();
            assertEquals(trace.at(noon.epochSecond() - (now.getEpochSecond() - traceEnd)) * 0.01, noon.value(), 0.5,
                    "backfilled value comes back");
            assertEquals(trace.at(traceEnd) * 0.01, source.latest("foresight_trace_load"), 0.01);

            if (server != null) {
                String rate = "sum(rate(foresight_inference_requests_total[5s]))";
                double seen = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen <= 0 && System.nanoTime() < deadline) {
                    for (int i = 0; i < 20; i++) {
                        server.infer("x");
                    }
                    Thread.sleep(500);
                    try {
                        seen = source.latest(rate);
                    } catch (LoadUnavailableException notYet) {
                        // no two scrapes yet: empty vector
                    }
                }
                assertTrue(seen > 0, "the serving request rate reaches the autoscaler through Prometheus");
                System.out.printf("RealPrometheusTest: %d history points; serving request rate read through Prometheus: %.2f/s%n",
                        points, seen);
            } else {
                System.out.println("RealPrometheusTest: serving/target/foresight-serving.jar not built, serving part skipped");
            }
        }
    }
}
