package dev.foresight.serving.repository;

import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a model's loadable versions to serve, as Triton and TF Serving define it.
 * Implementations are immutable.
 */
public sealed interface VersionPolicy {
    /** Serve the newest version: the default. */
    VersionPolicy DEFAULT = new Latest(1);

    /** The versions to serve out of {@code candidates} (the ones that exist and can load). */
    NavigableSet<Long> select(NavigableSet<Long> candidates);

    /** The {@code count} highest versions. */
    record Latest(int count) implements VersionPolicy {
        public Latest {
            if (count < 1) {
                throw new IllegalArgumentException("latest: num_versions must be at least 1, got " + count);
            }
        }

        @Override
        public NavigableSet<Long> select(NavigableSet<Long> candidates) {
            NavigableSet<Long> chosen = new TreeSet<>();
            for (Long version : candidates.descendingSet()) {
                if (chosen.size() == count) {
                    break;
                }
                chosen.add(version);
            }
            return chosen;
        }
    }

    /** Every version. */
    record All() implements VersionPolicy {
        @Override
        public NavigableSet<Long> select(NavigableSet<Long> candidates) {
            return new TreeSet<>(candidates);
        }
    }

    /** Exactly the listed versions, those of them that exist. */
    record Specific(Set<Long> versions) implements VersionPolicy {
        public Specific {
            if (versions.isEmpty() || versions.stream().anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException("specific: versions must be a non-empty list of positive integers");
            }
            versions = Set.copyOf(versions);
        }

        static Specific of(List<Long> versions) {
            return new Specific(Set.copyOf(versions));
        }

        @Override
        public NavigableSet<Long> select(NavigableSet<Long> candidates) {
            NavigableSet<Long> chosen = new TreeSet<>(candidates);
            chosen.retainAll(versions);
            return chosen;
        }
    }
}
