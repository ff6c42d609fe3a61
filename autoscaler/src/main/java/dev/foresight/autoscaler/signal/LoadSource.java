package dev.foresight.autoscaler.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads one workload's load: a history once, then the latest value every sync period.
 *
 * <p>Threading: implementations are thread-safe; one instance serves every target. Failure: every
 * method either returns validated values or throws {@link LoadUnavailableException}; nothing
 * returns NaN, infinities or negative numbers.
 */
public interface LoadSource {

    /**
     * The latest value of {@code query}.
     *
     * @return a finite value, &gt;= 0 and below the source's plausibility limit
     * @throws LoadUnavailableException when no such value can be had within the source's timeout
     *                                  and retries
     */
    double latest(String query) throws LoadUnavailableException;

    /**
     * Values of {@code query} from {@code from} to {@code to}, {@code step} apart, oldest first,
     * streamed to {@code sink} so the caller decides what to keep (memory stays bounded by the
     * source's chunk size). Points that fail validation are skipped, not passed on.
     *
     * @return the number of points passed to {@code sink}
     * @throws LoadUnavailableException when the history cannot be read at all
     */
    int history(String query, Instant from, Instant to, Duration step, Consumer<LoadSample> sink)
            throws LoadUnavailableException;
}
