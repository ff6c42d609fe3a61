package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelMonitorTest {
    private static final MonitoringSettings SETTINGS =
            new MonitoringSettings(1000, Duration.ofMinutes(10), 10, 500, 0.01, 0.25, 100, 4096, 1.0);

    private static InferRequest request(Tensor... inputs) {
        return new InferRequest(null, List.of(inputs), List.of());
    }

    private static Tensor scalar(String name, float value) {
        return new Tensor(name, Datatype.FP32, new long[] {1}, new float[] {value});
    }

    private static ReferenceProfile normalProfile(String tensor, TensorProfile.Role role) {
        Random random = new Random(1);
        double[] values = new double[20_000];
        Arrays.setAll(values, i -> random.nextGaussian());
        Arrays.sort(values);
        return new ReferenceProfile("N(0,1)", List.of(new TensorProfile(tensor, role, TensorProfile.Layout.POOLED,
                TensorProfile.Transform.NONE, values.length, List.of(new TensorProfile.Feature(TensorProfile.ALL,
                NumericReference.fromSorted(values, values.length, 0))))));
    }

    private static FeatureDrift countWindow(ModelMonitor monitor, String tensor) {
        return monitor.report(0).windows().get(0).features().stream()
                .filter(f -> f.tensor().equals(tensor)).findFirst().orElseThrow();
    }

    @Test
    void samplesFromTheReferenceStayLowAShiftedPopulationDrifts() {
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, normalProfile("x", TensorProfile.Role.INPUT), SETTINGS);
        Random random = new Random(2);
        for (int i = 0; i < 1000; i++) {
            monitor.fold(request(scalar("x", (float) random.nextGaussian())), List.of(), 0);
        }
        FeatureDrift same = countWindow(monitor, "x");
        assertEquals(1000, same.observations());
        assertTrue(same.psi() < 0.05, same.toString());
        assertTrue(same.ks() < same.ksThreshold(), same.toString());
        assertFalse(monitor.report(0).drifted());

        for (int i = 0; i < 1000; i++) {
            monitor.fold(request(scalar("x", (float) (1 + random.nextGaussian()))), List.of(), 0);
        }
        FeatureDrift shifted = countWindow(monitor, "x");
        assertTrue(shifted.psi() > 0.25 && shifted.ks() > shifted.ksThreshold(), shifted.toString());
        assertTrue(shifted.drifted());
        assertEquals(1.0, shifted.quantiles().get("0.5"), 0.15);
        assertEquals(0.0, shifted.referenceQuantiles().get("0.5"), 0.05);
        assertTrue(monitor.report(0).drifted());
    }

    @Test
    void aModelWithoutProfileTakesItsFirstRequestsAsReference() {
        ModelMonitor monitor = ModelMonitor.fromFirstRequests("m", 1, SETTINGS, null);
        Random random = new Random(3);
        for (int i = 0; i < 499; i++) {
            monitor.fold(request(scalar("x", (float) random.nextGaussian())), List.of(), 0);
        }
        MonitorReport building = monitor.report(0);
        assertEquals(ProfileStatus.FIRST_REQUESTS, building.profile().source());
        assertFalse(building.profile().ready());
        assertEquals(499, building.profile().requestsSeen());
        assertTrue(building.windows().isEmpty());

        monitor.fold(request(scalar("x", (float) random.nextGaussian())), List.of(), 0);
        assertTrue(monitor.report(0).profile().ready());
        for (int i = 0; i < 1000; i++) {
            monitor.fold(request(scalar("x", (float) random.nextGaussian())), List.of(), 0);
        }
        assertFalse(countWindow(monitor, "x").drifted(), countWindow(monitor, "x").toString());
        for (int i = 0; i < 1000; i++) {
            monitor.fold(request(scalar("x", (float) (6 + random.nextGaussian()))), List.of(), 0);
        }
        FeatureDrift shifted = countWindow(monitor, "x");
        assertTrue(shifted.drifted(), shifted.toString());
        assertTrue(shifted.outOfRangeShare() > 0.9, shifted.toString());
    }

    @Test
    void outputsAreComparedLikeInputs() {
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, normalProfile("score", TensorProfile.Role.OUTPUT), SETTINGS);
        for (int i = 0; i < 200; i++) {
            monitor.fold(request(scalar("score", 0)), List.of(scalar("score", 5 + i % 3)), 0);
        }
        FeatureDrift score = countWindow(monitor, "score");
        assertEquals("output", score.role());
        assertEquals(200, score.observations(), "the input of the same name is not the output");
        assertEquals(1.0, score.outOfRangeShare());
        assertTrue(score.drifted());
    }

    @Test
    void aShiftedOutputIsFlaggedButTheModelsFlagIsAboutItsInputs() {
        ReferenceProfile inputs = normalProfile("x", TensorProfile.Role.INPUT);
        ReferenceProfile both = new ReferenceProfile("both", List.of(inputs.tensors().get(0),
                normalProfile("score", TensorProfile.Role.OUTPUT).tensors().get(0)));
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, both, SETTINGS);
        Random random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            monitor.fold(request(scalar("x", (float) random.nextGaussian())),
                    List.of(scalar("score", (float) (4 + random.nextGaussian()))), 0);
        }
        MonitorReport report = monitor.report(0);
        assertTrue(countWindow(monitor, "score").drifted());
        assertFalse(countWindow(monitor, "x").drifted());
        assertFalse(report.drifted());
        assertEquals(0.01, report.featureAlpha(), 1e-15, "alpha is split among the inputs only");
    }

    @Test
    void unseenIdsAreCountedAsTheColdStartShare() {
        Map<String, Long> counts = new HashMap<>();
        for (int id = 1; id <= 100; id++) {
            counts.put(Integer.toString(id), (long) id);
        }
        ReferenceProfile profile = new ReferenceProfile("ids", List.of(new TensorProfile("user_id", TensorProfile.Role.INPUT,
                TensorProfile.Layout.POOLED, TensorProfile.Transform.NONE, 5050,
                List.of(new TensorProfile.Feature(TensorProfile.ALL, CategoricalReference.of(counts))))));
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, profile, SETTINGS);
        for (int i = 0; i < 1000; i++) {
            long id = i % 10 < 3 ? 1000 + i : 1 + i % 100;
            monitor.fold(request(new Tensor("user_id", Datatype.INT64, new long[] {1}, new long[] {id})), List.of(), 0);
        }
        FeatureDrift users = countWindow(monitor, "user_id");
        assertEquals(0.3, users.unseenShare(), 1e-12);
        assertTrue(users.drifted(), users.toString());
        assertNull(users.outOfRangeShare());
        assertTrue(users.coverage() > 0.6, users.toString());
    }

    @Test
    void standardizedRowsScoreTheSameAtAnyScaleAndOffset() {
        int width = 64;
        double[] reference = new double[width * 50];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = Math.sin(i * 0.3) * Math.sqrt(2);
        }
        Arrays.sort(reference);
        ReferenceProfile profile = new ReferenceProfile("sines", List.of(new TensorProfile("window", TensorProfile.Role.INPUT,
                TensorProfile.Layout.POOLED, TensorProfile.Transform.STANDARDIZE, 50,
                List.of(new TensorProfile.Feature(TensorProfile.ALL, NumericReference.fromSorted(reference, reference.length, 0))))));
        ModelMonitor raw = ModelMonitor.shipped("m", 1, profile, SETTINGS);
        ModelMonitor scaled = ModelMonitor.shipped("m", 1, profile, SETTINGS);
        Random random = new Random(4);
        for (int r = 0; r < 150; r++) {
            float[] row = new float[width];
            float[] moved = new float[width];
            for (int i = 0; i < width; i++) {
                row[i] = (float) (Math.sin((r + i) * 0.3) + 0.1 * random.nextGaussian());
                moved[i] = row[i] * 1000 + 50_000;
            }
            raw.fold(request(new Tensor("window", Datatype.FP32, new long[] {1, width}, row)), List.of(), 0);
            scaled.fold(request(new Tensor("window", Datatype.FP32, new long[] {1, width}, moved)), List.of(), 0);
        }
        FeatureDrift a = countWindow(raw, "window");
        FeatureDrift b = countWindow(scaled, "window");
        assertEquals(150, a.observations(), "one observation per row");
        assertEquals(150L * width, a.values());
        assertEquals(a.psi(), b.psi(), 0.02);
        assertEquals(a.ks(), b.ks(), 0.02);
        assertFalse(a.drifted(), a.toString());
    }

    @Test
    void aTensorTheReferenceCannotReadIsReportedAndSkipped() {
        ReferenceProfile profile = new ReferenceProfile("ids", List.of(new TensorProfile("x", TensorProfile.Role.INPUT,
                TensorProfile.Layout.POOLED, TensorProfile.Transform.NONE, 1,
                List.of(new TensorProfile.Feature(TensorProfile.ALL, CategoricalReference.of(Map.of("a", 1L)))))));
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, profile, SETTINGS);
        monitor.fold(request(scalar("x", 1)), List.of(), 0);
        monitor.fold(request(scalar("x", 2)), List.of(), 0);
        MonitorReport report = monitor.report(0);
        assertEquals(List.of("tensor 'x' is FP32: a categorical reference needs integers, BOOL or BYTES"), report.problems());
        assertEquals(2, report.requests());
        assertEquals(0, countWindow(monitor, "x").observations());
    }

    @Test
    void memoryIsFixedOnceTheReferenceIsThere() {
        ModelMonitor monitor = ModelMonitor.shipped("m", 1, normalProfile("x", TensorProfile.Role.INPUT), SETTINGS);
        long before = monitor.memoryBytes();
        for (int i = 0; i < 50_000; i++) {
            monitor.fold(request(scalar("x", i % 7)), List.of(), i * 1_000_000L);
        }
        assertEquals(before, monitor.memoryBytes());
        assertTrue(before < 100_000, before + " bytes for one numeric feature");
    }
}
