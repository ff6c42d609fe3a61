package dev.foresight.serving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The NAB corpus of {@code data/nab}: series by kind (the folder: realTweets, realKnownCause, ...)
 * and the windows a streaming client sends the anomaly model (the W values up to a row, NaN
 * before the series starts).
 */
public final class Nab {
    /** The data, from the serving module. */
    public static final Path ROOT = Path.of("../data/nab");

    private Nab() {
    }

    /** The values of every series of one kind, in file name order. */
    public static List<float[]> series(String kind) {
        try (Stream<Path> files = Files.list(ROOT.resolve(kind))) {
            List<float[]> series = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                float[] values = new float[lines.size() - 1];
                for (int i = 1; i < lines.size(); i++) {
                    values[i - 1] = Float.parseFloat(lines.get(i).substring(lines.get(i).indexOf(',') + 1).trim());
                }
                series.add(values);
            }
            return series;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The window of {@code width} values ending at row {@code t}, NaN before the first row. */
    public static float[] window(float[] series, int t, int width) {
        float[] window = new float[width];
        Arrays.fill(window, Float.NaN);
        int from = Math.max(0, t - width + 1);
        System.arraycopy(series, from, window, width - (t - from + 1), t - from + 1);
        return window;
    }

    /** Windows at every {@code stride}-th row of every series of a kind. */
    public static List<float[]> windows(String kind, int width, int stride) {
        List<float[]> windows = new ArrayList<>();
        for (float[] series : series(kind)) {
            for (int t = 0; t < series.length; t += stride) {
                windows.add(window(series, t, width));
            }
        }
        return windows;
    }
}
