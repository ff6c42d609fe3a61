package dev.foresight.serving.repository;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for model and version names, shared by the directory scan and the HTTP layer, so that no
 * name from a request can reach outside the repository.
 */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private Names() {
    }

    /** Letters, digits, '_', '-', '.'; starts with a letter or digit; at most 128 characters; never "..". */
    public static boolean isValidModelName(String name) {
        return name != null && MODEL.matcher(name).matches() && !name.contains("..");
    }

    /** A version folder's number: a positive integer without leading zeros. */
    public static Optional<Long> parseVersion(String text) {
        if (text == null || !VERSION.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
