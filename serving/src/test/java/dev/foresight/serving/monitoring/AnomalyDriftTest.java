package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.testing.Nab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The anomaly model's input monitoring on NAB windows: a profile made from the windows of one kind
 * of series (as the anomaly notebook makes the shipped one from the whole corpus: every 64th row,
 * each row standardised, values pooled) against windows of another kind, and against draws from
 * its own windows. Through the monitoring core with the server's default thresholds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyDriftTest {
    private static final int WIDTH = 4096;
    private static final int STRIDE = 64;

    private final Map<String, List<float[]>> windows = new HashMap<>();
    private final Map<String, ReferenceProfile> profiles = new HashMap<>();

    private List<float[]> windows(String kind) {
        return windows.computeIfAbsent(kind, k -> Nab.windows(k, WIDTH, STRIDE));
    }

    private ReferenceProfile profile(String kind) {
        return profiles.computeIfAbsent(kind, this::build);
    }

    /** The notebook's rule: every row standardised (NaN left out), values pooled, edges at percentiles. */
    private ReferenceProfile build(String kind) {
        List<float[]> rows = windows(kind);
        double[] values = new double[rows.size() * WIDTH];
        long missing = 0;
        int count = 0;
        for (float[] row : rows) {
            double[] moments = TensorFolder.moments(i -> row[i], 0, row.length);
            for (float v : row) {
                if (Float.isNaN(v)) {
                    missing++;
                } else {
                    values[count++] = moments[1] > 0 ? (v - moments[0]) / moments[1] : 0;
                }
            }
        }
        double[] sorted = java.util.Arrays.copyOf(values, count);
        java.util.Arrays.sort(sorted);
        NumericReference reference = NumericReference.fromSorted(sorted, count, (double) missing / (missing + count));
        return new ReferenceProfile(kind, List.of(new TensorProfile("window", TensorProfile.Role.INPUT,
                TensorProfile.Layout.POOLED, TensorProfile.Transform.STANDARDIZE, rows.size(),
                List.of(new TensorProfile.Feature(TensorProfile.ALL, reference)))));
    }

    private static InferRequest request(float[] window) {
        return new InferRequest(null, List.of(new Tensor("window", Datatype.FP32, new long[] {1, WIDTH}, window)), List.of());
    }

    /** The window by count after {@code rows}, one request each. */
    private static FeatureDrift score(ReferenceProfile profile, MonitoringSettings settings, List<float[]> rows) {
        ModelMonitor monitor = ModelMonitor.shipped("anomaly", 1, profile, settings);
        rows.forEach(row -> monitor.fold(request(row), List.of(), 0));
        return monitor.report(0).windows().get(0).features().get(0);
    }

    private static List<float[]> shuffled(List<float[]> rows, long seed, int count) {
        List<float[]> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, Math.min(count, copy.size()));
    }

    @ParameterizedTest(name = "profile of {0}, windows of {1}")
    @CsvSource({"realTweets, realKnownCause", "realKnownCause, realTweets", "realTweets, artificialNoAnomaly",
        "realAWSCloudwatch, realKnownCause"})
    void windowsOfAnotherKindDrift(String profileKind, String liveKind) {
        MonitoringSettings settings = MonitoringSettings.defaults();
        FeatureDrift drift = score(profile(profileKind), settings, shuffled(windows(liveKind), 1, settings.windowRequests()));
        System.out.printf("NAB: profile of %s, %d windows of %s: PSI %.3f, KS %.3f (critical %.3f), out of range %.4f%n",
                profileKind, drift.observations(), liveKind, drift.psi(), drift.ks(), drift.ksThreshold(),
                drift.outOfRangeShare());
        assertTrue(drift.drifted(), drift.toString());
    }

    @Test
    void windowsDrawnFromTheProfilesOwnKindStayLow() {
        MonitoringSettings settings = MonitoringSettings.defaults();
        List<float[]> rows = windows("realTweets");
        Random random = new Random(7);
        List<float[]> draws = new ArrayList<>();
        for (int i = 0; i < settings.windowRequests(); i++) {
            draws.add(rows.get(random.nextInt(rows.size())));
        }
        FeatureDrift drift = score(profile("realTweets"), settings, draws);
        System.out.printf("NAB: profile of realTweets, %d of its own windows: PSI %.3f, KS %.3f (critical %.3f)%n",
                drift.observations(), drift.psi(), drift.ks(), drift.ksThreshold());
        assertTrue(!drift.drifted() && drift.psi() < 0.1, drift.toString());
    }

    @Test
    void onDrawsFromTheReferenceTheAlarmFiresAtMostAlphaOfTheTime() {
        MonitoringSettings small = new MonitoringSettings(100, MonitoringSettings.defaults().windowDuration(), 10, 1000,
                0.01, 0.25, 100, 4096, 1.0);
        ReferenceProfile profile = profile("realKnownCause");
        List<float[]> rows = windows("realKnownCause");
        Random random = new Random(16);
        ModelMonitor monitor = ModelMonitor.shipped("anomaly", 1, profile, small);
        int windowCount = 100;
        int alarms = 0;
        int ksAlone = 0;
        double maxPsi = 0;
        for (int w = 0; w < windowCount; w++) {
            for (int i = 0; i < small.windowRequests(); i++) {
                monitor.fold(request(rows.get(random.nextInt(rows.size()))), List.of(), 0);
            }
            FeatureDrift drift = monitor.report(0).windows().get(0).features().get(0);
            assertEquals(small.windowRequests(), drift.observations(), "disjoint windows");
            alarms += drift.drifted() ? 1 : 0;
            ksAlone += drift.ks() > drift.ksThreshold() ? 1 : 0;
            maxPsi = Math.max(maxPsi, drift.psi());
        }
        System.out.printf("NAB draws from the realKnownCause profile's windows: %d windows of %d rows, drift flagged in %d, "
                + "KS alone in %d, PSI up to %.3f%n", windowCount, small.windowRequests(), alarms, ksAlone, maxPsi);
        assertTrue(alarms <= small.alpha() * windowCount, alarms + " alarms in " + windowCount);
        assertTrue(ksAlone <= small.alpha() * windowCount, ksAlone + " KS alarms in " + windowCount);
    }
}
