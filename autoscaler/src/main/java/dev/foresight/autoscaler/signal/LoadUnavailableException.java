package dev.foresight.autoscaler.signal;

/**
 * The load could not be read, or what was read is not a load the controller may act on.
 * {@link #cause()} says which, for metrics, status reasons and logs.
 */
public final class LoadUnavailableException extends Exception {

    /** Why the load is unavailable; the constant names double as metric label values. */
    public enum Cause {
        /** Connection refused, reset or DNS failure. */
        UNREACHABLE("PrometheusUnreachable"),
        /** No answer within the timeout. */
        TIMEOUT("PrometheusTimeout"),
        /** An HTTP error status or {@code "status": "error"}. */
        ERROR_STATUS("PrometheusError"),
        /** The body is not the JSON the query API returns. */
        GARBAGE("MetricUnparseable"),
        /** The query matched nothing. */
        EMPTY("MetricEmpty"),
        /** The query matched several series; the load must be one number. */
        AMBIGUOUS("MetricAmbiguous"),
        /** NaN or an infinity. */
        NOT_A_NUMBER("MetricNotANumber"),
        /** A negative load. */
        NEGATIVE("MetricNegative"),
        /** A value above the plausibility limit (e.g. 1e30). */
        ABSURD("MetricAbsurd");

        private final String reason;

        Cause(String reason) {
            this.reason = reason;
        }

        /** CamelCase reason for status conditions and Events. */
        public String reason() {
            return reason;
        }
    }

    private final Cause cause;

    public LoadUnavailableException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public LoadUnavailableException(Cause cause, String message, Throwable underlying) {
        super(message, underlying);
        this.cause = cause;
    }

    /** Why the load is unavailable. */
    public Cause cause() {
        return cause;
    }
}
