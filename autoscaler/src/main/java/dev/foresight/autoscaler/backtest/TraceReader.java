package dev.foresight.autoscaler.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Reads a trace CSV: a header line, then {@code timestamp,load} rows (further columns ignored).
 *
 * <p>Timestamps may be {@code yyyy-MM-dd HH:mm:ss} (UTC), ISO-8601 ({@code 2014-07-01T00:00:00Z},
 * with an offset, or without one meaning UTC) or epoch seconds (integer or decimal). Blank lines
 * are skipped; anything else malformed is an {@link IllegalArgumentException} naming the line.
 */
public final class TraceReader {
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TraceReader() {
    }

    public static Trace read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    public static Trace read(Reader source, String name) throws IOException {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
        double[] times = new double[1024];
        double[] loads = new double[1024];
        int n = 0;
        String line = in.readLine();
        if (line == null) {
            throw new IllegalArgumentException(name + ": empty trace");
        }
        int lineNumber = 1;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": expected timestamp,load");
            }
            int next = line.indexOf(',', comma + 1);
            String time = unquote(line.substring(0, comma));
            String load = unquote(next < 0 ? line.substring(comma + 1) : line.substring(comma + 1, next));
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                loads = Arrays.copyOf(loads, n * 2);
            }
            times[n] = parseTime(time, name, lineNumber);
            try {
                loads[n] = Double.parseDouble(load);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": load is not a number: " + load);
            }
            if (!(loads[n] >= 0) || Double.isInfinite(loads[n])) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": load must be finite and >= 0: " + load);
            }
            if (n > 0 && !(times[n] > times[n - 1])) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": timestamps must increase");
            }
            n++;
        }
        if (n < 2) {
            throw new IllegalArgumentException(name + ": a trace needs at least two rows");
        }
        return new Trace(Arrays.copyOf(times, n), Arrays.copyOf(loads, n));
    }

    /** Parses one timestamp in any of the three accepted forms, to epoch seconds. */
    static double parseTime(String text, String name, int lineNumber) {
        String t = text.trim();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && t.indexOf('-', 1) < 0
                && t.indexOf(':') < 0) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                // fall through to the date forms
            }
        }
        try {
            if (t.length() == 19 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toEpochSecond(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                Instant instant = Instant.parse(t.toUpperCase(java.util.Locale.ROOT));
                return instant.getEpochSecond() + instant.getNano() / 1e9;
            }
            try {
                OffsetDateTime odt = OffsetDateTime.parse(t);
                return odt.toEpochSecond() + odt.getNano() / 1e9;
            } catch (DateTimeParseException e) {
                LocalDateTime ldt = LocalDateTime.parse(t.replace(' ', 'T'));
                return ldt.toEpochSecond(ZoneOffset.UTC) + ldt.getNano() / 1e9;
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ":" + lineNumber
                    + ": unreadable timestamp (want yyyy-MM-dd HH:mm:ss, ISO-8601 or epoch seconds): " + text);
        }
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            return t.substring(1, t.length() - 1).trim();
        }
        return t;
    }
}
