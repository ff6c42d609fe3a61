package dev.foresight.serving.http;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The first step of a shutdown on SIGTERM: readiness turns false and stays so for
 * {@code foresight.shutdown.drain-delay} (time for load balancers to stop sending); then the
 * process exits through Micronaut's graceful shutdown, which stops accepting and finishes every
 * request already accepted (up to {@code foresight.shutdown.grace-period}).
 */
@Singleton
public final class ShutdownDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drainDelay;
    private volatile boolean draining;

    ShutdownDrain(@Value("${foresight.shutdown.drain-delay:0s}") Duration drainDelay) {
        this.drainDelay = drainDelay;
    }

    /** Whether a shutdown has begun. */
    boolean draining() {
        return draining;
    }

    /** Turns readiness false and waits the drain delay; the caller then exits. */
    public void begin() {
        draining = true;
        LOG.info("Shutting down: readiness is now false; draining for {} before closing", drainDelay);
        try {
            Thread.sleep(drainDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
