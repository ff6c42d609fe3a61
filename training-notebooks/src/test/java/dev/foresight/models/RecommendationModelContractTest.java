package dev.foresight.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code models/recommendation/1/model.onnx} against its model card: customer ids in,
 * ten stock codes out, best first, never one the customer bought in the training period; unknown
 * customers get the most popular items. Training purchases are read from the shipped data.
 */
class RecommendationModelContractTest {
    private static final Path MODEL = Path.of("../models/recommendation/1/model.onnx");
    private static final Path PURCHASES = Path.of("../data/online-retail/purchases.csv.gz");
    private static final long CUTOFF = Instant.parse("2011-11-09T00:00:00Z").getEpochSecond();

    private static OrtEnvironment environment;
    private static OrtSession session;
    private static Map<Long, Set<String>> bought;

    @BeforeAll
    static void load() throws OrtException, IOException {
        environment = OrtEnvironment.getEnvironment();
        session = environment.createSession(MODEL.toString(), new OrtSession.SessionOptions());
        bought = trainingPurchases();
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @Test
    void declaresUserIdInAndStockCodesWithScoresOut() throws OrtException {
        TensorInfo userId = (TensorInfo) session.getInputInfo().get("user_id").getInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        TensorInfo itemId = (TensorInfo) outputs.get("item_id").getInfo();
        TensorInfo score = (TensorInfo) outputs.get("score").getInfo();

        assertEquals(OnnxJavaType.INT64, userId.type);
        assertArrayEquals(new long[] {-1}, userId.getShape());
        assertEquals(OnnxJavaType.STRING, itemId.type);
        assertArrayEquals(new long[] {-1, -1}, itemId.getShape());
        assertEquals(OnnxJavaType.FLOAT, score.type);
        assertArrayEquals(new long[] {-1, -1}, score.getShape());
    }

    @Test
    void answersTenNewStockCodesBestFirstForKnownCustomers() throws OrtException {
        long[] customers = {17850, 12347, 14911, 13089};
        Answer answer = recommend(customers);

        for (int row = 0; row < customers.length; row++) {
            List<String> items = List.of(answer.items()[row]);
            assertEquals(10, items.size());
            assertEquals(10, new HashSet<>(items).size(), "duplicates in " + items);
            for (String item : items) {
                assertTrue(!bought.get(customers[row]).contains(item),
                        customers[row] + " already bought " + item);
            }
            float[] scores = answer.scores()[row];
            for (int p = 1; p < scores.length; p++) {
                assertTrue(scores[p - 1] >= scores[p], "not best first: " + Arrays.toString(scores));
            }
        }
    }

    @Test
    void answersEachRowOfABatchAsIfAlone() throws OrtException {
        Answer batch = recommend(new long[] {17850, 12347});

        assertArrayEquals(recommend(new long[] {17850}).items()[0], batch.items()[0]);
        assertArrayEquals(recommend(new long[] {12347}).items()[0], batch.items()[1]);
    }

    @Test
    void answersUnknownCustomersWithTheMostPopularItems() throws OrtException {
        Map<String, Integer> customersPerItem = new HashMap<>();
        bought.values().forEach(items -> items.forEach(item -> customersPerItem.merge(item, 1, Integer::sum)));
        List<String> popular = customersPerItem.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(Map.Entry::getKey).toList();

        Answer answer = recommend(new long[] {-1, 99_999_999});

        assertEquals(popular, List.of(answer.items()[0]));
        assertEquals(popular, List.of(answer.items()[1]));
    }

    @Test
    void answersEveryKTheSameWhetherFromTheStoredTopItemsOrFromScoringAllItems() throws OrtException {
        long[] customers = {17850, 12347, 14911, 13089, -1};
        String[][] stored = recommend(customers, 100).items();
        Answer scored = recommend(customers, 150);

        for (int row = 0; row < customers.length; row++) {
            assertEquals(100, stored[row].length);
            assertEquals(150, scored.items()[row].length);
            assertArrayEquals(stored[row], Arrays.copyOf(scored.items()[row], 100), "customer " + customers[row]);
            assertArrayEquals(Arrays.copyOf(stored[row], 10), recommend(new long[] {customers[row]}).items()[0]);
        }
        for (String item : scored.items()[0]) {
            assertTrue(!bought.get(17850L).contains(item), "17850 already bought " + item);
        }
    }

    @Test
    void staysWithinTheSizeBudget() throws IOException {
        assertTrue(Files.size(MODEL) < 20_000_000, "model is " + Files.size(MODEL) + " bytes");
    }

    private record Answer(String[][] items, float[][] scores) {
    }

    private static Answer recommend(long[] customers) throws OrtException {
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, customers);
             OrtSession.Result result = session.run(Map.of("user_id", ids))) {
            return new Answer((String[][]) result.get("item_id").orElseThrow().getValue(),
                    (float[][]) result.get("score").orElseThrow().getValue());
        }
    }

    /** Answers with {@code k} items, set the way the server sets an optional input backed by an initializer. */
    private static Answer recommend(long[] customers, long k) throws OrtException {
        try (OnnxTensor kTensor = OnnxTensor.createTensor(environment, new long[] {k});
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addInitializer("k", kTensor);
            try (OrtSession withK = environment.createSession(MODEL.toString(), options);
                 OnnxTensor ids = OnnxTensor.createTensor(environment, customers);
                 OrtSession.Result result = withK.run(Map.of("user_id", ids))) {
                return new Answer((String[][]) result.get("item_id").orElseThrow().getValue(),
                        (float[][]) result.get("score").orElseThrow().getValue());
            }
        }
    }

    /** Customer -> stock codes (starting with a digit) bought before the cutoff. */
    private static Map<Long, Set<String>> trainingPurchases() throws IOException {
        Map<Long, Set<String>> purchases = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(PURCHASES)), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] field = line.split(",");
                if (Character.isDigit(field[1].charAt(0)) && Long.parseLong(field[2]) < CUTOFF) {
                    purchases.computeIfAbsent(Long.parseLong(field[0]), c -> new HashSet<>()).add(field[1]);
                }
            }
        }
        return purchases;
    }
}
