package dev.foresight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's printed table: sections of rows, echoed as they come and printed whole at the end. */
final class Report {
    private final List<String> lines = new ArrayList<>();

    void section(String title) {
        lines.add("");
        lines.add("## " + title);
        System.out.println("... " + title);
    }

    void row(String what, String format, double value) {
        add(String.format(Locale.ROOT, "  %-100s " + format, what, value));
    }

    void raw(String what, RawOrt.Rate rate) {
        add(String.format(Locale.ROOT, "  %-48s %,10.0f rows/s   CPU %7.1f us/row", what,
                rate.rowsPerSecond(), rate.cpuMicrosPerRow()));
    }

    void load(String what, ServingBenchmark.Load load) {
        Wrk.Result r = load.wrk();
        add(String.format(Locale.ROOT, "  %-48s %,10.0f req/s   p50 %6.2f ms   p99 %6.2f ms   CPU %6.1f us/req"
                + "   non-2xx/errors %d", what, r.requestsPerSecond(), r.p50Millis(), r.p99Millis(),
                load.cpuMicrosPerRequest(), r.errors()));
    }

    /** Keeps a line for the final table and echoes it now. */
    private void add(String line) {
        lines.add(line);
        System.out.println(line);
    }

    @Override
    public String toString() {
        return "\n==== Foresight serving benchmark ====" + String.join("\n", lines);
    }
}
