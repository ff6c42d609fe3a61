package dev.foresight.serving.repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * TEST ONLY: stops the loads of one model, forever, right after the load journal has recorded
 * them, so that a test can kill the process in the middle of a load and check that the next start
 * does not loop. It is switched on only by the JVM system property
 * {@code -Dforesight.test-only.pause-while-loading=<model>} (not by an environment variable or a
 * configuration file), so no deployment can trip it by accident. When a load pauses, the file
 * {@value #MARKER} appears in the state folder.
 */
final class LoadPause {
    /** The file that tells a test that a load is paused. */
    static final String MARKER = "test-only-paused-while-loading";

    private static final Logger LOG = LoggerFactory.getLogger(LoadPause.class);

    private final String model;
    private final Path stateFolder;

    LoadPause(String model, Path stateFolder) {
        this.model = model;
        this.stateFolder = stateFolder;
    }

    /** Blocks until interrupted when {@code loading} is the model to pause. */
    void during(String loading) {
        if (!model.equals(loading)) {
            return;
        }
        LOG.warn("TEST ONLY: pausing the load of model {} until the process is killed", loading);
        try {
            Files.writeString(stateFolder.resolve(MARKER), loading);
            new CountDownLatch(1).await();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test marker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused", e);
        }
    }
}
