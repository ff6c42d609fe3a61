package dev.foresight.autoscaler.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.harness.FakePrometheus;
import dev.foresight.autoscaler.signal.LoadUnavailableException.Cause;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Prometheus client against a real loopback HTTP server answering what each case needs. */
class PrometheusLoadSourceTest {
    private FakePrometheus fake;
    private PrometheusLoadSource source;

    @BeforeEach
    void start() {
        fake = new FakePrometheus();
        source = new PrometheusLoadSource(new PrometheusSettings(fake.url(), Duration.ofMillis(300), 3,
                Duration.ofMillis(10), PrometheusSettings.DEFAULT_ABSURD_ABOVE, 100));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static Stream<Arguments> invalidAnswers() {
        return Stream.of(
                Arguments.of("empty vector", FakePrometheus.emptyVector(), Cause.EMPTY),
                Arguments.of("NaN", FakePrometheus.value("NaN"), Cause.NOT_A_NUMBER),
                Arguments.of("+Inf", FakePrometheus.value("+Inf"), Cause.NOT_A_NUMBER),
                Arguments.of("negative", FakePrometheus.value("-3"), Cause.NEGATIVE),
                Arguments.of("absurd 1e30", FakePrometheus.value("1e30"), Cause.ABSURD),
                Arguments.of("garbage body", FakePrometheus.garbage(), Cause.GARBAGE),
                Arguments.of("garbage value", FakePrometheus.value("twelve"), Cause.GARBAGE),
                Arguments.of("bad query (400)", FakePrometheus.error(400), Cause.ERROR_STATUS),
                Arguments.of("server error (503)", FakePrometheus.error(503), Cause.ERROR_STATUS),
                Arguments.of("several series", new FakePrometheus.Answer(200,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                                + "{\"metric\":{\"a\":\"1\"},\"value\":[1,\"1\"]},{\"metric\":{\"a\":\"2\"},\"value\":[1,\"2\"]}]}}",
                        0), Cause.AMBIGUOUS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAnswers")
    void anImplausibleAnswerIsAFailureNotALoad(String name, FakePrometheus.Answer answer, Cause expected) {
        fake.answer(answer);
        LoadUnavailableException e = assertThrows(LoadUnavailableException.class, () -> source.latest("load"));
        assertEquals(expected, e.cause(), e.getMessage());
    }

    @Test
    void readsAPlausibleValue() throws Exception {
        fake.answer(FakePrometheus.value("42.5"));
        assertEquals(42.5, source.latest("load"));
    }

    @Test
    void aScalarResultIsAccepted() throws Exception {
        fake.answer(new FakePrometheus.Answer(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"7\"]}}", 0));
        assertEquals(7.0, source.latest("scalar(load)"));
    }

    @Test
    void aSlowServerTimesOutAfterEveryAttempt() {
        fake.answer(FakePrometheus.slow(2_000));
        long start = System.nanoTime();
        LoadUnavailableException e = assertThrows(LoadUnavailableException.class, () -> source.latest("load"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Cause.TIMEOUT, e.cause());
        assertEquals(3, fake.requests(), "three attempts");
        assertTrue(millis < 1_500, "bounded by attempts x timeout + backoff, took " + millis + " ms");
    }

    @Test
    void aServerErrorIsRetriedAndABadQueryIsNot() {
        fake.answer(FakePrometheus.error(503));
        assertThrows(LoadUnavailableException.class, () -> source.latest("load"));
        assertEquals(3, fake.requests());
        fake.answer(FakePrometheus.error(400));
        assertThrows(LoadUnavailableException.class, () -> source.latest("load"));
        assertEquals(4, fake.requests());
    }

    @Test
    void aServerThatIsDownIsUnreachable() {
        URI closed = fake.url();
        fake.close();
        PrometheusLoadSource down = new PrometheusLoadSource(PrometheusSettings.defaults(closed));
        LoadUnavailableException e = assertThrows(LoadUnavailableException.class, () -> down.latest("load"));
        assertEquals(Cause.UNREACHABLE, e.cause());
    }

    @Test
    void historyIsReadInChunksAndSkipsImplausiblePoints() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            values.append(i == 0 ? "" : ",").append("[").append(1000 + i).append(",\"")
                    .append(i == 50 ? "NaN" : String.valueOf(i)).append("\"]");
        }
        fake.answer(new FakePrometheus.Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                + "\"result\":[{\"metric\":{},\"values\":[" + values + "]}]}}", 0));
        List<LoadSample> got = new ArrayList<>();
        int n = source.history("load", Instant.ofEpochSecond(0), Instant.ofEpochSecond(250 * 60), Duration.ofMinutes(1),
                got::add);
        // 251 points at 100 per query: 3 calls; the fake answers each with the same 100 points, one NaN
        assertEquals(3, fake.requests());
        assertEquals(3 * 99, n);
        assertTrue(got.stream().allMatch(s -> Double.isFinite(s.value()) && s.value() >= 0));
    }
}
