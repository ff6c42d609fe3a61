package dev.foresight.serving.repository;

import dev.foresight.serving.inference.DjlOnnxModelLoader;
import dev.foresight.serving.inference.InferenceExecutor;
import dev.foresight.serving.inference.InferenceObserver;
import dev.foresight.serving.inference.RunnerFactory;
import dev.foresight.serving.inference.SessionSettings;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.testing.OnnxGraphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryModelRepositoryTest {
    @TempDir
    Path root;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InferenceExecutor executor = new InferenceExecutor(1, 16);
    private final RunnerFactory runners = new RunnerFactory(executor, InferenceObserver.NONE);
    private DirectoryModelRepository repository;

    @BeforeEach
    void createRepository() {
        RepositoryListener listener = new RepositoryListener() {
            @Override
            public void versionLoaded(String model, long version, long millis) {
                events.add("loaded " + model + "/" + version);
            }

            @Override
            public void loadFailed(String model, long version, String reason) {
                events.add("failed " + model + "/" + version);
            }

            @Override
            public void versionUnloaded(String model, long version) {
                events.add("unloaded " + model + "/" + version);
            }
        };
        repository = new DirectoryModelRepository(settings(root, Duration.ofMillis(300)), new DjlOnnxModelLoader(),
                runners, listener);
    }

    /** Settings with a state folder of the test's own. */
    private Path stateFolder() {
        return root.getParent().resolve(root.getFileName() + "-state");
    }

    private RepositorySettings settings(Path models, Duration settleTime) {
        return new RepositorySettings(models, stateFolder(), SessionSettings.DEFAULT, settleTime, Optional.empty());
    }

    @AfterEach
    void close() {
        repository.close();
        executor.close();
    }

    /** The constant the served version adds, i.e. which version answered. */
    private float answer(String model, Optional<Long> version) {
        ServedVersion served = repository.acquire(model, version);
        try {
            Tensor x = new Tensor("x", Datatype.FP32, new long[] {1, 2}, new float[] {0f, 0f});
            return ((float[]) served.session().run(Map.of("x", x), List.of("sum")).get(0).data())[0];
        } finally {
            served.release();
        }
    }

    @Test
    void servesTheHighestVersionByDefault() {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        repository.scan();
        assertEquals(2f, answer("m", Optional.empty()));
        assertEquals(List.of(2L), repository.status("m").orElseThrow().servedVersions());
        assertThrows(ModelNotFoundException.class, () -> repository.acquire("m", Optional.of(1L)));
        assertTrue(repository.ready());
    }

    @Test
    void newVersionTakesOverAndOldOneUnloads() {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        repository.scan();
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        repository.scan();
        assertEquals(2f, answer("m", Optional.empty()));
        assertTrue(events.contains("unloaded m/1"), events.toString());
    }

    @Test
    void retiredVersionFinishesItsInFlightRequestBeforeClosing() {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        repository.scan();
        ServedVersion inFlight = repository.acquire("m", Optional.empty());
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        repository.scan();
        assertFalse(events.contains("unloaded m/1"), "closed under a request");
        Tensor x = new Tensor("x", Datatype.FP32, new long[] {1, 2}, new float[] {5f, 5f});
        float sum = ((float[]) inFlight.session().run(Map.of("x", x), List.of("sum")).get(0).data())[0];
        assertEquals(6f, sum);
        inFlight.release();
        assertTrue(events.contains("unloaded m/1"), events.toString());
    }

    @Test
    void corruptFileIsReportedAndNeverReplacesTheWorkingVersion() throws IOException {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        repository.scan();
        OnnxGraphs.deploy(root, "m", 2, "this is not an ONNX model".getBytes());
        repository.scan();
        repository.scan();
        assertEquals(1f, answer("m", Optional.empty()));
        ModelStatus status = repository.status("m").orElseThrow();
        assertEquals(List.of(1L), status.servedVersions());
        assertEquals(2L, status.failures().get(0).version());
        assertEquals(1, events.stream().filter(e -> e.equals("failed m/2")).count(), "retried an unchanged file");
        // Fixing the file is noticed and, once seen unchanged on the next poll, takes over.
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        repository.scan();
        repository.scan();
        assertEquals(2f, answer("m", Optional.empty()));
        assertTrue(repository.status("m").orElseThrow().failures().isEmpty());
    }

    @Test
    void halfWrittenFileIsNotLoadedUntilItSettles() throws Exception {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        repository.scan();
        byte[] model = OnnxGraphs.addConstant(2);
        Path file = Files.createDirectories(root.resolve("m/2")).resolve("model.onnx");
        Files.write(file, java.util.Arrays.copyOf(model, model.length / 2));
        repository.scan();
        assertEquals(1f, answer("m", Optional.empty()));
        Files.write(file, model);
        repository.scan();
        assertEquals(1f, answer("m", Optional.empty()), "took a file still being written");
        Thread.sleep(400);
        repository.scan();
        assertEquals(2f, answer("m", Optional.empty()));
        assertFalse(events.contains("failed m/2"), "tried to load the half-written file: " + events);
    }

    @Test
    void deletingTheNewestVersionFallsBackToThePreviousOne() throws IOException {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        repository.scan();
        ServedVersion inFlight = repository.acquire("m", Optional.empty());
        deleteRecursively(root.resolve("m/2"));
        repository.scan();
        assertEquals(1f, answer("m", Optional.empty()));
        assertEquals(2L, inFlight.version());
        inFlight.release();
        assertTrue(events.contains("unloaded m/2"));
    }

    @Test
    void versionPolicyFromConfigFile() throws IOException {
        for (long version = 1; version <= 3; version++) {
            OnnxGraphs.deploy(root, "m", version, OnnxGraphs.addConstant(version));
        }
        Files.writeString(root.resolve("m/config.json"), "{\"version_policy\": {\"latest\": {\"num_versions\": 2}}}");
        repository.scan();
        assertEquals(List.of(2L, 3L), repository.status("m").orElseThrow().servedVersions());
        assertEquals(2f, answer("m", Optional.of(2L)));

        Files.writeString(root.resolve("m/config.json"), "{\"version_policy\": {\"specific\": {\"versions\": [1, 3]}}}");
        repository.scan();
        assertEquals(List.of(1L, 3L), repository.status("m").orElseThrow().servedVersions());

        Files.writeString(root.resolve("m/config.json"), "{\"version_policy\": {\"all\": {}}}");
        repository.scan();
        assertEquals(List.of(1L, 2L, 3L), repository.status("m").orElseThrow().servedVersions());
    }

    @Test
    void invalidConfigIsReportedAndThePreviousOneKept() throws IOException {
        OnnxGraphs.deploy(root, "m", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "m", 2, OnnxGraphs.addConstant(2));
        Files.writeString(root.resolve("m/config.json"), "{\"version_policy\": {\"all\": {}}}");
        repository.scan();
        Files.writeString(root.resolve("m/config.json"), "{\"version_polcy\": {}}");
        repository.scan();
        ModelStatus status = repository.status("m").orElseThrow();
        assertEquals(List.of(1L, 2L), status.servedVersions());
        assertTrue(status.configError().orElseThrow().contains("unknown key 'version_polcy'"), status.toString());
        assertTrue(status.failures().isEmpty(), "a configuration error is no version's failure: " + status);
    }

    @Test
    void newModelFoldersAreDiscoveredAndDeletedOnesUnloaded() throws IOException {
        repository.scan();
        assertTrue(repository.ready(), "an empty repository is ready");
        OnnxGraphs.deploy(root, "a", 1, OnnxGraphs.addConstant(1));
        OnnxGraphs.deploy(root, "b", 1, OnnxGraphs.addConstant(1));
        repository.scan();
        assertEquals(List.of("a", "b"), repository.status().stream().map(ModelStatus::name).toList());
        deleteRecursively(root.resolve("a"));
        repository.scan();
        assertThrows(ModelNotFoundException.class, () -> repository.acquire("a", Optional.empty()));
        assertTrue(events.contains("unloaded a/1"));
    }

    @Test
    void modelWithoutALoadableVersionMakesTheServerUnready() {
        OnnxGraphs.deploy(root, "broken", 1, new byte[] {1, 2, 3});
        repository.scan();
        assertFalse(repository.ready());
        ModelNotReadyException e = assertThrows(ModelNotReadyException.class,
                () -> repository.acquire("broken", Optional.empty()));
        assertTrue(e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void aModelThatRefusesTheMadeUpWarmUpInputsStillServes() {
        // One row: the warm-up's index 1 is out of range, which says nothing against the model.
        OnnxGraphs.deploy(root, "one_row", 1, OnnxGraphs.gather(1));
        repository.scan();
        assertTrue(repository.status("one_row").orElseThrow().ready(), repository.status().toString());
    }

    @Test
    void aWarmUpSampleBesideTheModelIsRunAndItsFailureFailsTheLoad() throws IOException {
        Path good = OnnxGraphs.deploy(root, "sampled", 1, OnnxGraphs.gather(3));
        Files.writeString(good.resolveSibling("warmup.json"),
                "{\"inputs\":[{\"name\":\"index\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[2]}]}");
        Path bad = OnnxGraphs.deploy(root, "bad_sample", 1, OnnxGraphs.gather(3));
        Files.writeString(bad.resolveSibling("warmup.json"),
                "{\"inputs\":[{\"name\":\"index\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[9]}]}");
        repository.scan();
        assertTrue(repository.status("sampled").orElseThrow().ready());
        ModelStatus failed = repository.status("bad_sample").orElseThrow();
        assertFalse(failed.ready());
        assertTrue(failed.failures().get(0).reason().startsWith("warm-up with warmup.json failed: "), failed.toString());
    }

    @Test
    void missingRootIsAnEmptyRepository() {
        DirectoryModelRepository missing = new DirectoryModelRepository(settings(root.resolve("nothing"), Duration.ZERO),
                new DjlOnnxModelLoader(), runners, RepositoryListener.NONE);
        missing.scan();
        assertTrue(missing.ready());
        assertTrue(missing.status().isEmpty());
        missing.close();
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
