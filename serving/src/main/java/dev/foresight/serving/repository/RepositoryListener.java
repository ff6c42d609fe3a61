package dev.foresight.serving.repository;

/**
 * Told of every change in what the repository serves; used for metrics and logs. Called on the
 * repository's scanning thread (and {@link #versionUnloaded} on the thread that releases the last
 * request); implementations must be quick and must not throw.
 */
public interface RepositoryListener {
    /** A listener that ignores everything. */
    RepositoryListener NONE = new RepositoryListener() {
    };

    /** A version was loaded and warmed up in {@code millis} and now takes traffic. */
    default void versionLoaded(String model, long version, long millis) {
    }

    /** A version could not be loaded or warmed up. */
    default void loadFailed(String model, long version, String reason) {
    }

    /** A model's configuration file could not be read; its previous configuration stays. */
    default void configFailed(String model, String reason) {
    }

    /** A version was closed after its last request. */
    default void versionUnloaded(String model, long version) {
    }

    /** The number of versions a model serves changed. */
    default void servedVersions(String model, int count) {
    }
}
