package dev.foresight.serving.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus' own lint of an exposition. promtool comes with Debian's prometheus package, which
 * CI installs; elsewhere the check is skipped.
 */
public final class Promtool {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** Fails unless {@code promtool check metrics} accepts {@code exposition} without a word. */
    public static void assertAccepts(String exposition) throws Exception {
        boolean installed = Files.isExecutable(PROMTOOL);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "promtool not installed");
        }
        assertTrue(installed, "CI must install promtool (Debian package prometheus)");
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
        assertEquals("", output.trim(), "promtool complained");
    }
}
