package dev.foresight.serving.payloadlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.protocol.Datatype;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import dev.foresight.serving.testing.RecordingSink;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PayloadLogSettings settings(URI sink, int batchSize, int queueCapacity) {
        return new PayloadLogSettings(sink, 1.0, batchSize, Duration.ofMillis(20), queueCapacity, Duration.ofSeconds(10),
                "/foresight/test");
    }

    private static void answer(PayloadLogger logger, int i) {
        InferRequest request = new InferRequest("r" + i,
                List.of(new Tensor("user_id", Datatype.INT64, new long[] {1}, new long[] {17850 + i})), List.of());
        logger.answered("recommendation", 1, request,
                List.of(new Tensor("item_id", Datatype.BYTES, new long[] {1, 2}, new String[] {"22423", "85123A"}),
                        new Tensor("score", Datatype.FP32, new long[] {1, 2}, new float[] {0.5f, 0.25f})));
    }

    @Test
    void batchesAreCloudEventsInBatchedModeWithRequestAndResponse() throws Exception {
        try (RecordingSink sink = new RecordingSink(); PayloadLogger logger = new PayloadLogger(settings(sink.uri(), 4, 100))) {
            for (int i = 0; i < 10; i++) {
                answer(logger, i);
            }
            RecordingSink.await(() -> logger.sent() == 10, "10 events sent");
            Set<String> ids = new HashSet<>();
            int events = 0;
            for (RecordingSink.Received post : sink.received()) {
                assertEquals("application/cloudevents-batch+json", post.headers().get("content-type"));
                JsonNode batch = JSON.readTree(post.body());
                assertTrue(batch.size() <= 4, post.body());
                for (JsonNode event : batch) {
                    assertEquals("1.0", event.path("specversion").asText());
                    assertEquals("dev.foresight.inference.exchange", event.path("type").asText());
                    assertEquals("/foresight/test", event.path("source").asText());
                    assertEquals("recommendation/1", event.path("subject").asText());
                    assertTrue(ids.add(event.path("id").asText()), "ids are unique");
                    JsonNode data = event.path("data");
                    String id = data.path("request").path("id").asText();
                    int i = Integer.parseInt(id.substring(1));
                    assertEquals(17850 + i, data.path("request").path("inputs").get(0).path("data").get(0).asLong());
                    assertEquals(id, data.path("response").path("id").asText());
                    assertEquals("85123A", data.path("response").path("outputs").get(0).path("data").get(1).asText());
                    assertEquals(0.25, data.path("response").path("outputs").get(1).path("data").get(1).asDouble());
                    events++;
                }
            }
            assertEquals(10, events);
            assertTrue(sink.received().size() >= 3, sink.received().size() + " POSTs of at most 4");
        }
    }

    @Test
    void oneEventPerPostIsBinaryModeWithCeHeaders() throws Exception {
        try (RecordingSink sink = new RecordingSink(); PayloadLogger logger = new PayloadLogger(settings(sink.uri(), 1, 100))) {
            answer(logger, 3);
            RecordingSink.await(() -> logger.sent() == 1, "one event sent");
            RecordingSink.Received post = sink.received().get(0);
            assertEquals("application/json", post.headers().get("content-type"));
            assertEquals("1.0", post.headers().get("ce-specversion"));
            assertEquals("dev.foresight.inference.exchange", post.headers().get("ce-type"));
            assertEquals("/foresight/test", post.headers().get("ce-source"));
            assertEquals("recommendation", post.headers().get("ce-model"));
            assertEquals("1", post.headers().get("ce-modelversion"));
            assertTrue(post.headers().get("ce-time").endsWith("Z"), post.headers().toString());
            assertTrue(post.headers().containsKey("ce-id"));
            JsonNode data = JSON.readTree(post.body());
            assertEquals(17853, data.path("request").path("inputs").get(0).path("data").get(0).asLong());
            assertEquals("item_id", data.path("response").path("outputs").get(0).path("name").asText());
        }
    }

    @Test
    void aDownSinkCostsFailedEventsNothingElse() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + closedPort + "/events");
        try (PayloadLogger logger = new PayloadLogger(settings(down, 2, 100))) {
            for (int i = 0; i < 6; i++) {
                answer(logger, i);
            }
            RecordingSink.await(() -> logger.failed() == 6, "6 events failed");
            assertEquals(0, logger.sent());
            assertEquals(0, logger.dropped());
        }
    }

    @Test
    void aStalledSinkDropsAndCountsWhatDoesNotFitTheQueue() throws Exception {
        try (RecordingSink sink = new RecordingSink(); PayloadLogger logger = new PayloadLogger(settings(sink.uri(), 1, 4))) {
            sink.hold();
            answer(logger, 0);
            sink.awaitFirst(); // the sender now waits on the stalled sink
            for (int i = 1; i < 20; i++) {
                answer(logger, i); // returns at once: 4 queued, 15 dropped
            }
            assertEquals(15, logger.dropped());
            sink.release();
            RecordingSink.await(() -> logger.sent() == 5, "the held event and the 4 queued ones sent");
            assertEquals(0, logger.failed());
        }
    }
}
