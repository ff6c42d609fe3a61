package dev.foresight.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} (closed loop, HTTP/1.1 keep-alive) with a POST body and reads its report. */
final class Wrk {
    /** What wrk reported: throughput, latency percentiles in ms, and non-2xx answers. */
    record Result(int connections, double requestsPerSecond, double p50Millis, double p99Millis, long requests,
                  long errors) {
    }

    private Wrk() {
    }

    static Result run(String url, byte[] body, String contentType, Map<String, String> headers, int connections,
                      int seconds) throws IOException, InterruptedException {
        Path bodyFile = Files.createTempFile("wrk-body", ".bin");
        Files.write(bodyFile, body);
        StringBuilder lua = new StringBuilder()
                .append("local f = io.open(\"").append(bodyFile).append("\", \"rb\")\n")
                .append("wrk.method = \"POST\"\nwrk.body = f:read(\"*all\")\nf:close()\n")
                .append("wrk.headers[\"Content-Type\"] = \"").append(contentType).append("\"\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[\"").append(name).append("\"] = \"").append(value)
                .append("\"\n"));
        Path script = Files.createTempFile("wrk", ".lua");
        Files.writeString(script, lua);
        int threads = Math.min(2, connections);
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + output);
        }
        Files.deleteIfExists(script);
        Files.deleteIfExists(bodyFile);
        return new Result(connections, number(output, "Requests/sec:\\s+([0-9.]+)"),
                millis(output, "50%"), millis(output, "99%"),
                (long) number(output, "([0-9]+) requests in"),
                (long) number(output, "Non-2xx or 3xx responses:\\s+([0-9]+)")
                        + (long) socketErrors(output));
    }

    private static double socketErrors(String output) {
        Matcher m = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")
                .matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }

    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double millis(String output, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
