package dev.foresight.autoscaler.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on a small trace of the shipped data. */
class BacktestCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    /** First {@code rows} rows of the ELB trace, with ISO-8601 timestamps. */
    private Path smallTrace(int rows) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../data/nab/realAWSCloudwatch/elb_request_count_8c0756.csv"));
        StringBuilder b = new StringBuilder("timestamp,value\n");
        for (String line : lines.subList(1, rows + 1)) {
            b.append(line.replace(' ', 'T').replaceFirst(",", "Z,")).append('\n');
        }
        Path trace = dir.resolve("elb-small.csv");
        Files.writeString(trace, b.toString());
        return trace;
    }

    @Test
    void writesSummaryJsonTimelineAndReport() throws Exception {
        Path trace = smallTrace(600);
        Path json = dir.resolve("out.json");
        Path timeline = dir.resolve("timeline.csv");
        Path report = dir.resolve("report.html");
        int code = run("--trace", trace.toString(), "--capacity", "p99.5/14", "--startup-delay", "90s",
                "--target-utilization", "0.7", "--hpa-curve", "0.5:0.9:0.1", "--json", json.toString(),
                "--timeline", timeline.toString(), "--report", report.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("hpa ") && summary.contains("predictive") && summary.contains("equal cost"), summary);

        String j = Files.readString(json);
        for (String field : List.of("\"policies\"", "\"name\": \"hpa\"", "\"name\": \"predictive\"",
                "\"violationMinutes\"", "\"unservedFraction\"", "\"replicaHours\"", "\"scaleEvents\"",
                "\"forecast\"", "\"hpaCurve\"", "\"equalCost\"", "\"persistence\"", "\"seasonal-naive\"")) {
            assertTrue(j.contains(field), field + " missing in " + j);
        }
        Matcher ticks = Pattern.compile("\"ticks\": (\\d+)").matcher(j);
        assertTrue(ticks.find());
        long n = Long.parseLong(ticks.group(1));
        Trace t = TraceReader.read(trace);
        assertEquals((long) Math.floor((t.end() - t.start()) / 15) + 1, n);
        assertTrue(n > 10_000);

        List<String> rows = Files.readAllLines(timeline);
        assertEquals("time,policy,load,requested,ready,forecast", rows.get(0));
        assertEquals(2 * n + 1, rows.size());
        assertTrue(rows.get(1).startsWith("2014-04-10T00:04:00Z,hpa,94,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2014-04-10T00:04:00Z,predictive,94,"), rows.get(2));

        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg") && html.contains("<polyline") && html.contains("Forecast vs actual"));
        assertTrue(html.contains("<td style=\"text-align:left\">predictive</td>"));
        assertTrue(!html.contains("<script") && !html.contains("src=") && !html.contains("href="),
                "self-contained: no scripts, no external resources");
    }

    @Test
    void rejectsAMissingCapacityWithUsage() {
        assertEquals(2, run("--trace", "x.csv"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--capacity is required"));
    }

    @Test
    void reportsAnUnreadableTraceWithoutAStackTrace() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t,v\nnot-a-time,1\n2,3\n");
        assertEquals(2, run("--trace", bad.toString(), "--capacity", "10"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.csv:2"));
    }
}
