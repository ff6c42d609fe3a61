package dev.foresight.autoscaler.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A shared load trace from {@code data/nab}, replayed into OpenMetrics text for backfilling. */
public final class Trace {
    public static final Path NYC_TAXI = Path.of("../data/nab/realKnownCause/nyc_taxi.csv");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final NavigableMap<Long, Double> points = new TreeMap<>();

    private Trace(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split(",");
                points.put(LocalDateTime.parse(cols[0], FORMAT).toEpochSecond(ZoneOffset.UTC), Double.parseDouble(cols[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Trace nycTaxi() {
        return new Trace(NYC_TAXI);
    }

    /** Load at a trace time (UTC "yyyy-MM-dd HH:mm:ss"), interpolated linearly. */
    public double at(long epochSecond) {
        var lo = points.floorEntry(epochSecond);
        var hi = points.ceilingEntry(epochSecond);
        if (lo == null || hi == null || lo.getKey().equals(hi.getKey())) {
            return (lo != null ? lo : hi).getValue();
        }
        double f = (epochSecond - lo.getKey()) / (double) (hi.getKey() - lo.getKey());
        return lo.getValue() + f * (hi.getValue() - lo.getValue());
    }

    public static long time(String text) {
        return LocalDateTime.parse(text, FORMAT).toEpochSecond(ZoneOffset.UTC);
    }

    /**
     * OpenMetrics text of a gauge {@code metric}: the trace's {@code window} ending at trace time
     * {@code traceEnd}, one sample per {@code every}, scaled by {@code scale}, shifted so that
     * {@code traceEnd} lands on {@code liveEnd}.
     */
    public String openMetrics(String metric, long traceEnd, Duration window, Duration every, double scale,
                              Instant liveEnd) {
        StringBuilder out = new StringBuilder("# HELP " + metric + " replayed load trace\n# TYPE " + metric + " gauge\n");
        long shift = liveEnd.getEpochSecond() - traceEnd;
        for (long t = traceEnd - window.toSeconds(); t <= traceEnd; t += every.toSeconds()) {
            out.append(String.format(Locale.ROOT, "%s %.4f %d%n", metric, at(t) * scale, t + shift));
        }
        return out.append("# EOF\n").toString();
    }
}
