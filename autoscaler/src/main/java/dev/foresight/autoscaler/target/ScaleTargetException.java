package dev.foresight.autoscaler.target;

/** The target could not be read or scaled; {@link #kind()} says why. */
public final class ScaleTargetException extends Exception {

    /** Why; {@link #reason()} is the CamelCase form used in conditions and Events. */
    public enum Kind {
        /** The target (or its {@code /scale}) does not exist. */
        NOT_FOUND("TargetNotFound"),
        /** The kind has no scale subresource this autoscaler can use. */
        NOT_SCALABLE("TargetNotScalable"),
        /** The API refused us (401/403). */
        FORBIDDEN("Forbidden"),
        /** Conflicts persisted through every retry. */
        CONFLICT("Conflict"),
        /** Any other API or transport failure. */
        API_ERROR("KubernetesApiError");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final Kind kind;

    public ScaleTargetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ScaleTargetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
