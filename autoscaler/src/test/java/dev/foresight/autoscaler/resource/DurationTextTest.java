package dev.foresight.autoscaler.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "90s, PT1M30S",
        "1m30s, PT1M30S",
        "2h, PT2H",
        "1h2m3s, PT1H2M3S",
        "500ms, PT0.5S",
        "0s, PT0S",
        "1s250ms, PT1.25S"})
    void readsKubernetesStyleDurations(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationText.parse(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "90", "1.5m", "30s1m", "PT90S", "-5s", "5 s", "5S", "1d"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"PT1M30S, 1m30s", "PT0S, 0s", "PT2H, 2h", "PT26H0.5S, 26h500ms"})
    void writesTheShortestFormAndReadsItBack(String iso, String text) {
        Duration duration = Duration.parse(iso);

        assertEquals(text, DurationText.format(duration));
        assertEquals(duration, DurationText.parse(text));
    }
}
