package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm lint --strict} through the real Helm engine. */
class ChartLintTest {

    @Test
    void lintsCleanInStrictModeWithDefaultValues() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    /** helm-java's lint takes no --set, so this lints a copy whose values.yaml turns the autoscaler on. */
    @Test
    void lintsCleanInStrictModeWithTheAutoscalerOn(@TempDir Path copy) throws IOException {
        copyChart(copy);
        Path values = copy.resolve("values.yaml");
        String text = Files.readString(values);
        int autoscaler = text.indexOf("\nautoscaler:\n");
        int enabled = text.indexOf("\n  enabled: false\n", autoscaler);
        String on = text.substring(0, enabled) + "\n  enabled: true\n" + text.substring(enabled + "\n  enabled: false\n".length());
        assertNotEquals(text, on);
        Files.writeString(values, on);

        LintResult result = new Helm(copy).lint().strict().call();

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(RenderedChart.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }
}
