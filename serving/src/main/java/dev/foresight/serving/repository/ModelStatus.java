package dev.foresight.serving.repository;

import java.util.List;
import java.util.Optional;

/**
 * What the repository knows of one model: its served versions, the versions it could not load
 * (with why), and what is wrong with its configuration file, if anything.
 *
 * @param configError why the model's {@code config.json} was not taken (the previous
 *                    configuration stays in force), or empty when it is fine or absent
 */
public record ModelStatus(String name, List<Long> servedVersions, List<VersionFailure> failures,
                          Optional<String> configError) {

    /** A version that failed to load, and why. */
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
