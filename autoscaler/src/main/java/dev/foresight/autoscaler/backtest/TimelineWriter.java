package dev.foresight.autoscaler.backtest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Streams the timeline CSV {@code time,policy,load,requested,ready,forecast}: time in ISO-8601
 * UTC; {@code forecast} is the policy's point forecast of this tick's load, made one decision
 * horizon earlier (empty for policies that do not forecast).
 */
public final class TimelineWriter implements TimelineSink, Closeable {
    private final Writer out;

    public TimelineWriter(Writer out) throws IOException {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        this.out.write("time,policy,load,requested,ready,forecast\n");
    }

    @Override
    public void row(double epochSeconds, String policy, double load, int requested, int ready, double forecast) {
        try {
            long seconds = (long) Math.floor(epochSeconds);
            out.write(Instant.ofEpochSecond(seconds).toString());
            out.write(',');
            out.write(policy);
            out.write(',');
            out.write(number(load));
            out.write(',');
            out.write(Integer.toString(requested));
            out.write(',');
            out.write(Integer.toString(ready));
            out.write(',');
            if (!Double.isNaN(forecast)) {
                out.write(number(forecast));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(Math.round(v * 1e4) / 1e4);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
