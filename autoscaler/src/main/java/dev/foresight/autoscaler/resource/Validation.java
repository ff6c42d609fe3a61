package dev.foresight.autoscaler.resource;

/** Checks shared by the compact constructors; messages name the field as written in YAML. */
final class Validation {
    private Validation() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static int atLeast(int value, int minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be >= " + minimum + ", was " + value);
        }
        return value;
    }
}
