package dev.foresight.serving.monitoring;

import java.util.Optional;

/** Where the reference profiles of model versions are found. */
public interface ProfileSource {
    /** No profiles anywhere: every version builds its reference from its first requests. */
    ProfileSource NONE = (model, version) -> Optional.empty();

    /**
     * The profile shipped with a model version, or empty when it has none.
     *
     * @throws IllegalArgumentException when one is there but cannot be read or is invalid, saying why
     */
    Optional<ReferenceProfile> find(String model, long version);
}
