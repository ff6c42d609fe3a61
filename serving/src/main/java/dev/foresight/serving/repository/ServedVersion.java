package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelRunner;
import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.protocol.TensorSpec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of a model, the runner its requests go through, and the requests using it.
 *
 * <p>Reference counted: the repository holds one reference while the version is served, each
 * request holds one between {@link #tryAcquire()} and {@link #release()}. {@link #retire()} drops
 * the repository's reference; the session is closed by whichever release brings the count to
 * zero, so a version taken out of service finishes its in-flight requests first. Closing closes
 * the runner, then the session.
 */
public final class ServedVersion {
    private final String model;
    private final long version;
    private final ModelSession session;
    private final ModelRunner runner;
    private final FileSignature signature;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean retired = new AtomicBoolean();
    private final Runnable onClose;

    ServedVersion(String model, long version, ModelSession session, ModelRunner runner, FileSignature signature,
                  Runnable onClose) {
        this.model = model;
        this.version = version;
        this.session = session;
        this.runner = runner;
        this.signature = signature;
        this.onClose = onClose;
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }

    public List<TensorSpec> inputs() {
        return session.inputs();
    }

    public List<TensorSpec> outputs() {
        return session.outputs();
    }

    /** The session; only valid between {@link #tryAcquire()} and {@link #release()}. */
    public ModelSession session() {
        return session;
    }

    /** How requests reach the session; only valid between {@link #tryAcquire()} and {@link #release()}. */
    public ModelRunner runner() {
        return runner;
    }

    FileSignature signature() {
        return signature;
    }

    /** Takes a reference for one request; false when the version has been closed meanwhile. */
    public boolean tryAcquire() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Returns a reference taken by {@link #tryAcquire()}. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            try {
                runner.close();
                session.close();
            } finally {
                onClose.run();
            }
        }
    }

    /** Takes the version out of service; it closes once its in-flight requests are done. */
    void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return model + "/" + version;
    }
}
