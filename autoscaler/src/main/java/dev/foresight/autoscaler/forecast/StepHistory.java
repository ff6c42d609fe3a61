package dev.foresight.autoscaler.forecast;

/** Ring buffer of the most recent values of a regularly spaced series. Not thread-safe. */
final class StepHistory {
    private final double[] values;
    private long count;

    StepHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.values = new double[capacity];
    }

    void add(double value) {
        values[(int) (count % values.length)] = value;
        count++;
    }

    /** Number of values seen so far (not capped by the capacity). */
    long count() {
        return count;
    }

    /** Whether the value {@code stepsAgo} steps before the latest is still held. */
    boolean has(int stepsAgo) {
        return stepsAgo >= 0 && stepsAgo < values.length && stepsAgo < count;
    }

    /** Value {@code stepsAgo} steps before the latest (0 = latest); caller checks {@link #has}. */
    double get(int stepsAgo) {
        return values[(int) ((count - 1 - stepsAgo) % values.length)];
    }
}
