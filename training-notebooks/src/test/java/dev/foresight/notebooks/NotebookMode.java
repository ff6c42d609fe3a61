package dev.foresight.notebooks;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How much work a notebook does. {@link #QUICK} (the default under the runner, and in CI) bounds
 * training and writes nothing outside {@code target/}; {@link #FULL} reproduces and exports the
 * shipped model.
 *
 * <p>Notebook cells read the mode from the system property {@value #PROPERTY}, which the runner
 * sets before the first cell (a Jupyter kernel without it runs in full mode).
 */
enum NotebookMode {
    QUICK, FULL;

    /** System property read by the runner and, once set by it, by the notebook cells. */
    static final String PROPERTY = "notebook.mode";
    /** Environment variable consulted when the property is not set. */
    static final String ENVIRONMENT = "NOTEBOOK_MODE";

    /** The property if set (non-blank), else the environment variable, else quick. */
    static NotebookMode resolve(Properties properties, Map<String, String> environment) {
        String value = properties.getProperty(PROPERTY, "");
        if (value.isBlank()) {
            value = environment.getOrDefault(ENVIRONMENT, "");
        }
        if (value.isBlank()) {
            return QUICK;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "notebook mode must be quick or full, not '" + value + "'", e);
        }
    }

    /** The value cells see in {@code System.getProperty("notebook.mode")}. */
    String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
