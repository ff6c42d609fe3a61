package dev.foresight.serving.repository;

import java.util.List;

/**
 * What the repository knows of one model: its served versions and the versions it could not
 * load, with why.
 */
public record ModelStatus(String name, List<Long> servedVersions, List<VersionFailure> failures) {

    /** A version that failed to load (or a configuration error, with version 0). */
    public record VersionFailure(long version, String reason) {
    }

    public ModelStatus {
        servedVersions = List.copyOf(servedVersions);
        failures = List.copyOf(failures);
    }

    /** A model is ready when it serves at least one version. */
    public boolean ready() {
        return !servedVersions.isEmpty();
    }
}
