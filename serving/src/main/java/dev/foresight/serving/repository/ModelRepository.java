package dev.foresight.serving.repository;

import java.util.List;
import java.util.Optional;

/**
 * The models the server can run and their versions. Implementations are thread-safe and change
 * what they serve only by publishing a loaded, warmed-up version before retiring the old one.
 */
public interface ModelRepository {

    /**
     * Acquires a served version for one request; the caller must {@link ServedVersion#release()}
     * it in a {@code finally} block.
     *
     * @param version the version asked for, or empty for the highest served one
     * @throws ModelNotFoundException when the model or the version is not in the repository
     * @throws ModelNotReadyException when the model exists but serves no version (yet)
     */
    ServedVersion acquire(String model, Optional<Long> version);

    /** Whether a model of this name was discovered (ready or not). */
    boolean contains(String model);

    /** Status of one model, empty when no such model was discovered. */
    Optional<ModelStatus> status(String model);

    /** Status of every discovered model, sorted by name. */
    List<ModelStatus> status();

    /** Whether the first scan is done and every discovered model serves a version. */
    boolean ready();

    /**
     * Loads (or reloads) a model now, undoing an earlier {@link #unload}.
     *
     * @return the model's status after loading
     * @throws ModelNotFoundException when the repository has no such model
     */
    ModelStatus load(String model);

    /**
     * Unloads a model until {@link #load} is called for it; in-flight requests finish first.
     *
     * @throws ModelNotFoundException when the repository has no such model
     */
    void unload(String model);
}
