package dev.foresight.autoscaler.signal;

import dev.foresight.autoscaler.signal.LoadUnavailableException.Cause;

/**
 * What counts as a load: a finite number, at least zero, at most a plausibility limit. Anything
 * else is a failure of the source, never an instruction to scale.
 */
public final class LoadValidation {
    private LoadValidation() {
    }

    /**
     * Parses a Prometheus sample value ({@code "12.5"}, {@code "NaN"}, {@code "+Inf"}) and checks it.
     *
     * @throws LoadUnavailableException with the cause that applies
     */
    public static double parse(String text, double absurdAbove) throws LoadUnavailableException {
        double value;
        try {
            String t = text.trim();
            // Prometheus writes infinities as +Inf / -Inf, which Double.parseDouble does not read
            value = switch (t) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(t);
            };
        } catch (NumberFormatException | NullPointerException e) {
            throw new LoadUnavailableException(Cause.GARBAGE, "sample value is not a number: " + text);
        }
        return check(value, absurdAbove);
    }

    /** Checks a value; returns it when it is a plausible load. */
    public static double check(double value, double absurdAbove) throws LoadUnavailableException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new LoadUnavailableException(Cause.NOT_A_NUMBER, "load is " + value);
        }
        if (value < 0) {
            throw new LoadUnavailableException(Cause.NEGATIVE, "load is negative: " + value);
        }
        if (value > absurdAbove) {
            throw new LoadUnavailableException(Cause.ABSURD,
                    "load " + value + " is above the plausibility limit " + absurdAbove);
        }
        return value;
    }
}
