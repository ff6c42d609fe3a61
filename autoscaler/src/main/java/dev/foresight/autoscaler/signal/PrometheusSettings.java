package dev.foresight.autoscaler.signal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the autoscaler talks to Prometheus.
 *
 * @param baseUrl        Prometheus base URL, e.g. {@code http://prometheus:9090}
 * @param timeout        limit on one HTTP call, connect and answer together
 * @param attempts       calls per read before giving up (1 = no retry), at least 1
 * @param backoff        wait before the first retry; doubled before each further one
 * @param absurdAbove    values above this are treated as failures ({@code 1e15} by default)
 * @param maxPointsPerQuery points per {@code query_range} call (Prometheus refuses more than
 *                       11,000); longer histories are read in chunks
 */
public record PrometheusSettings(URI baseUrl, Duration timeout, int attempts, Duration backoff,
                                 double absurdAbove, int maxPointsPerQuery) {
    /** Default plausibility limit. */
    public static final double DEFAULT_ABSURD_ABOVE = 1e15;

    public PrometheusSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
        if (!(absurdAbove > 0)) {
            throw new IllegalArgumentException("absurdAbove must be positive: " + absurdAbove);
        }
        if (maxPointsPerQuery < 2 || maxPointsPerQuery > 11_000) {
            throw new IllegalArgumentException("maxPointsPerQuery must be in 2..11000: " + maxPointsPerQuery);
        }
    }

    /** Defaults: 3 s timeout, 3 attempts, 200 ms first backoff, 1e15 limit, 10,000 points. */
    public static PrometheusSettings defaults(URI baseUrl) {
        return new PrometheusSettings(baseUrl, Duration.ofSeconds(3), 3, Duration.ofMillis(200),
                DEFAULT_ABSURD_ABOVE, 10_000);
    }
}
