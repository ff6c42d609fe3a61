package dev.foresight.autoscaler.resource;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Kubernetes resources write them ({@code 90s}, {@code 1m30s}, {@code 2h},
 * {@code 500ms}): a sequence of non-negative integers each followed by {@code h}, {@code m},
 * {@code s} or {@code ms}, largest unit first. The CRD's schema uses {@link #PATTERN} so the API
 * server rejects what {@link #parse} would.
 */
public final class DurationText {
    /** The accepted form, as a regular expression (also the CRD's {@code pattern}). */
    public static final String PATTERN = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$";

    private static final Pattern FORM = Pattern.compile(PATTERN);

    private DurationText() {
    }

    /**
     * Reads a duration such as {@code 1m30s}.
     *
     * @throws IllegalArgumentException when the text is empty or not of the accepted form
     */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a duration like 90s or 1m30s: " + text);
        }
        return Duration.ofHours(part(m.group(1), 1))
                .plusMinutes(part(m.group(2), 1))
                .plusSeconds(part(m.group(3), 1))
                .plusMillis(part(m.group(4), 2));
    }

    /** Writes a non-negative duration in the same form, e.g. {@code 1m30s}; zero is {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.isEmpty() ? "0s" : text.toString();
    }

    private static long part(String group, int unitLength) {
        return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - unitLength));
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
