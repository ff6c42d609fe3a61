package dev.foresight.serving.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions of one model that failed to load, each remembered with the signature of the file
 * that failed, so that an unchanged file is not tried again and a changed one is. Written by the
 * scanning thread; read by requests (for their error messages) and status calls.
 */
final class LoadFailures {
    private record Failure(FileSignature signature, String reason) {
    }

    private final Map<Long, Failure> byVersion = new ConcurrentHashMap<>();

    void record(long version, FileSignature signature, String reason) {
        byVersion.put(version, new Failure(signature, reason));
    }

    void clear(long version) {
        byVersion.remove(version);
    }

    /** Whether this very file (same signature) has failed before. */
    boolean failed(long version, FileSignature signature) {
        Failure failure = byVersion.get(version);
        return failure != null && failure.signature().equals(signature);
    }

    /** Forgets the failures of files that changed or are gone: they get a new chance. */
    void forgetChanged(Map<Long, FileSignature> files) {
        byVersion.entrySet().removeIf(entry -> !entry.getValue().signature().equals(files.get(entry.getKey())));
    }

    boolean isEmpty() {
        return byVersion.isEmpty();
    }

    /** Every failure, by version. */
    List<ModelStatus.VersionFailure> list() {
        List<ModelStatus.VersionFailure> failures = new ArrayList<>();
        new TreeMap<>(byVersion).forEach((version, failure) ->
                failures.add(new ModelStatus.VersionFailure(version, failure.reason())));
        return failures;
    }
}
