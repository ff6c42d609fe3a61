package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.testing.OnnxGraphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicBatcherTest {
    @TempDir
    Path root;

    private ModelSession session;
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private final InferenceObserver observer = new InferenceObserver() {
        @Override
        public void completed(String model, long version, Outcome outcome, long totalNanos, long queueNanos,
                              long computeNanos) {
        }

        @Override
        public void batch(String model, int rows) {
            batches.add(rows);
        }
    };

    @BeforeEach
    void load() {
        Path file = OnnxGraphs.deploy(root, "add", 1, OnnxGraphs.addConstant(0.5f));
        session = new DjlOnnxModelLoader().load(file, SessionSettings.DEFAULT);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static Map<String, Tensor> rows(float... values) {
        return Map.of("x", new Tensor("x", Datatype.FP32, new long[] {values.length / 2, 2}, values));
    }

    @Test
    void batchedAnswersEqualUnbatchedOnes() throws Exception {
        DynamicBatcher batcher = new DynamicBatcher("add", session,
                new BatchingSettings(16, Duration.ofMillis(20), 1000, 1), observer);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<List<Tensor>>> answers = new ArrayList<>();
        List<Map<String, Tensor>> requests = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 64; i++) {
            int rows = 1 + i % 3;
            float[] values = new float[rows * 2];
            for (int v = 0; v < values.length; v++) {
                values[v] = i * 10 + v;
            }
            requests.add(rows(values));
        }
        List<CompletableFuture<CompletableFuture<List<Tensor>>>> submitted = new ArrayList<>();
        for (Map<String, Tensor> request : requests) {
            submitted.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return batcher.run(request, List.of("sum", "doubled"), new RequestTiming());
            }, clients));
        }
        start.countDown();
        for (CompletableFuture<CompletableFuture<List<Tensor>>> s : submitted) {
            answers.add(s.get(10, TimeUnit.SECONDS));
        }
        for (int i = 0; i < requests.size(); i++) {
            List<Tensor> alone = session.run(requests.get(i), List.of("sum", "doubled"));
            assertEquals(alone, answers.get(i).get(10, TimeUnit.SECONDS), "request " + i);
        }
        clients.shutdown();
        batcher.close();
        assertEquals(requests.stream().mapToLong(r -> r.get("x").shape()[0]).sum(),
                batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().anyMatch(rows -> rows > 1), "never batched: " + batches);
        assertTrue(batches.stream().allMatch(rows -> rows <= 16), "batch over the limit: " + batches);
    }

    @Test
    void requestsAskingForDifferentOutputsAreNotMixed() throws Exception {
        DynamicBatcher batcher = new DynamicBatcher("add", session,
                new BatchingSettings(8, Duration.ofMillis(5), 100, 1), observer);
        CompletableFuture<List<Tensor>> sum = batcher.run(rows(1, 2), List.of("sum"), new RequestTiming());
        CompletableFuture<List<Tensor>> doubled = batcher.run(rows(3, 4), List.of("doubled"), new RequestTiming());
        assertArrayEquals(new float[] {1.5f, 2.5f}, (float[]) sum.get(5, TimeUnit.SECONDS).get(0).data());
        assertArrayEquals(new float[] {6f, 8f}, (float[]) doubled.get(5, TimeUnit.SECONDS).get(0).data());
        batcher.close();
    }

    @Test
    void requestsGivingAnOptionalInputRunAlone() throws Exception {
        Path file = OnnxGraphs.deploy(root, "add_default", 1, OnnxGraphs.addWithDefault(1));
        try (ModelSession withDefault = new DjlOnnxModelLoader().load(file, SessionSettings.DEFAULT)) {
            assertTrue(DynamicBatcher.canBatch(withDefault.inputs(), withDefault.outputs()));
            DynamicBatcher batcher = new DynamicBatcher("add_default", withDefault,
                    new BatchingSettings(8, Duration.ofMillis(20), 100, 1), observer);
            Map<String, Tensor> ten = new java.util.HashMap<>(rows(1, 2));
            ten.put("c", new Tensor("c", Datatype.FP32, new long[] {1}, new float[] {10}));
            Map<String, Tensor> hundred = new java.util.HashMap<>(rows(1, 2));
            hundred.put("c", new Tensor("c", Datatype.FP32, new long[] {1}, new float[] {100}));
            CompletableFuture<List<Tensor>> a = batcher.run(ten, List.of("sum"), new RequestTiming());
            CompletableFuture<List<Tensor>> b = batcher.run(hundred, List.of("sum"), new RequestTiming());
            CompletableFuture<List<Tensor>> c = batcher.run(rows(1, 2), List.of("sum"), new RequestTiming());
            assertArrayEquals(new float[] {11f, 12f}, (float[]) a.get(5, TimeUnit.SECONDS).get(0).data());
            assertArrayEquals(new float[] {101f, 102f}, (float[]) b.get(5, TimeUnit.SECONDS).get(0).data());
            assertArrayEquals(new float[] {2f, 3f}, (float[]) c.get(5, TimeUnit.SECONDS).get(0).data());
            batcher.close();
        }
    }

    @Test
    void fullQueueIsRefusedAtOnce() {
        ModelSession slow = new ModelSession() {
            @Override
            public List<dev.foresight.serving.protocol.TensorSpec> inputs() {
                return session.inputs();
            }

            @Override
            public List<dev.foresight.serving.protocol.TensorSpec> outputs() {
                return session.outputs();
            }

            @Override
            public List<Tensor> run(Map<String, Tensor> inputs, List<String> outputs) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return session.run(inputs, outputs);
            }

            @Override
            public void close() {
            }
        };
        DynamicBatcher batcher = new DynamicBatcher("slow", slow,
                new BatchingSettings(2, Duration.ZERO, 2, 1), observer);
        List<CompletableFuture<List<Tensor>>> accepted = new ArrayList<>();
        OverloadedException refused = assertThrows(OverloadedException.class, () -> {
            for (int i = 0; i < 10; i++) {
                accepted.add(batcher.run(rows(1, 1), List.of("sum"), new RequestTiming()));
            }
        });
        assertTrue(refused.getMessage().contains("too many requests"), refused.getMessage());
        assertTrue(accepted.size() >= 2 && accepted.size() <= 5, "accepted " + accepted.size());
        batcher.close();
    }

    @Test
    void aRequestWhoseValuesFailTheBatchFailsAloneAndTheOthersAreAnswered() throws Exception {
        Path file = OnnxGraphs.deploy(root, "gather", 1, OnnxGraphs.gather());
        try (ModelSession gather = new DjlOnnxModelLoader().load(file, SessionSettings.DEFAULT)) {
            // Eight rows close the batch at once; the long delay only keeps it open until all arrived.
            DynamicBatcher batcher = new DynamicBatcher("gather", gather,
                    new BatchingSettings(8, Duration.ofSeconds(5), 100, 1), observer);
            List<CompletableFuture<List<Tensor>>> answers = new ArrayList<>();
            for (long index = 0; index < 8; index++) {
                long[] value = {index == 5 ? 7 : index % 3}; // index 7 is out of the table's 3 rows
                answers.add(batcher.run(Map.of("index", new Tensor("index", Datatype.INT64, new long[] {1}, value)),
                        List.of("value"), new RequestTiming()));
            }
            for (int i = 0; i < 8; i++) {
                if (i == 5) {
                    ExecutionException failed = assertThrows(ExecutionException.class,
                            () -> answers.get(5).get(10, TimeUnit.SECONDS));
                    assertTrue(failed.getCause() instanceof InferenceFailedException, failed.toString());
                } else {
                    float[] expected = {10f * (1 + i % 3)};
                    assertArrayEquals(expected, (float[]) answers.get(i).get(10, TimeUnit.SECONDS).get(0).data());
                }
            }
            batcher.close();
        }
    }

    @Test
    void onlyModelsWithADynamicFirstDimensionCanBatch() {
        assertTrue(DynamicBatcher.canBatch(session.inputs(), session.outputs()));
        Path fixed = OnnxGraphs.deploy(root, "fixed", 1, OnnxGraphs.identity(OnnxGraphs.FLOAT, 3));
        try (ModelSession fixedSession = new DjlOnnxModelLoader().load(fixed, SessionSettings.DEFAULT)) {
            assertEquals(false, DynamicBatcher.canBatch(fixedSession.inputs(), fixedSession.outputs()));
        }
    }
}
