package dev.foresight.serving.inference;

/** How an inference request ended, as counted in metrics. */
public enum Outcome {
    /** Answered with outputs. */
    SUCCESS,
    /** Refused for the client's mistake (4xx other than 429). */
    CLIENT_ERROR,
    /** Refused because the server was full or not ready (429, 503). */
    REJECTED,
    /** Failed on the server's side (5xx). */
    SERVER_ERROR;

    /** The label value used in metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
