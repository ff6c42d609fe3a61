package dev.foresight.serving.repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings what one model serves in line with its folder: reads its configuration, notices new,
 * changed and removed version files, loads the versions its policy wants (a version that fails
 * to load gives way to the next one the policy would take), and publishes the result. A file is
 * taken once it has settled; a failed file is not tried again until it changes; when every load
 * fails, the versions served before stay.
 */
final class ModelRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRefresh.class);

    private final RepositoryDirectory directory;
    private final VersionLoader loader;
    private final RepositoryListener listener;
    private final long settleMillis;

    ModelRefresh(RepositoryDirectory directory, VersionLoader loader, RepositoryListener listener, long settleMillis) {
        this.directory = directory;
        this.loader = loader;
        this.listener = listener;
        this.settleMillis = settleMillis;
    }

    /**
     * @param trusted take files at once, without waiting for them to settle (their writer said
     *                they are complete)
     */
    void refresh(ModelEntry entry, boolean trusted) {
        ModelConfig config = entry.config.read(directory.model(entry.name), reason -> {
            LOG.error("Model {}: {}; keeping the previous configuration", entry.name, reason);
            listener.configFailed(entry.name, reason);
        });
        Map<Long, FileSignature> files = directory.versions(entry.name);
        Set<Long> settled = new HashSet<>();
        long now = System.currentTimeMillis();
        files.forEach((version, signature) -> {
            if (trusted || signature.settled(entry.lastSeen.get(version), now, settleMillis)) {
                settled.add(version);
            }
        });
        for (Long gone : entry.lastSeen.keySet()) {
            if (!files.containsKey(gone)) {
                loader.forget(directory.versionFile(entry.name, gone));
            }
        }
        entry.lastSeen.keySet().retainAll(files.keySet());
        entry.lastSeen.putAll(files);
        entry.failures.forgetChanged(files);

        NavigableMap<Long, ServedVersion> served = entry.served();
        NavigableSet<Long> candidates = new TreeSet<>();
        files.forEach((version, signature) -> {
            if (!entry.failures.failed(version, signature) && (settled.contains(version) || served.containsKey(version))) {
                candidates.add(version);
            }
        });
        NavigableMap<Long, ServedVersion> next = choose(entry, config, files, settled, candidates);
        if (!next.equals(served)) {
            LOG.info("Model {} now serves versions {} (was {})", entry.name, next.keySet(), served.keySet());
            entry.publish(next);
            listener.servedVersions(entry.name, next.size());
        }
    }

    /**
     * The versions to serve: those the policy selects out of the candidates, each the one served
     * now when its file is unchanged (or still settling), else freshly loaded. A version that
     * fails leaves the candidates and the policy selects again.
     */
    private NavigableMap<Long, ServedVersion> choose(ModelEntry entry, ModelConfig config,
                                                     Map<Long, FileSignature> files, Set<Long> settled,
                                                     NavigableSet<Long> candidates) {
        NavigableMap<Long, ServedVersion> served = entry.served();
        NavigableMap<Long, ServedVersion> next = new TreeMap<>();
        boolean anyFailed = false;
        boolean retry;
        do {
            // A failed candidate leaves, so the policy reaches further down; what it selected and
            // loaded before stays selected (policies only take a version for its rank or number).
            retry = false;
            NavigableSet<Long> wanted = config.versionPolicy().select(candidates);
            for (Long version : wanted.descendingSet()) {
                if (next.containsKey(version)) {
                    continue;
                }
                FileSignature signature = files.get(version);
                ServedVersion current = served.get(version);
                if (current != null && (current.signature().equals(signature) || !settled.contains(version))) {
                    next.put(version, current);
                    continue;
                }
                VersionLoader.Result result = loader.load(entry.name, version,
                        directory.versionFile(entry.name, version), signature, config);
                if (result.version().isPresent()) {
                    entry.failures.clear(version);
                    next.put(version, result.version().get());
                } else {
                    entry.failures.record(version, signature, result.failure());
                    candidates.remove(version);
                    anyFailed = true;
                    retry = true;
                }
            }
        } while (retry);
        if (next.isEmpty() && anyFailed) {
            served.forEach((version, kept) -> {
                if (files.containsKey(version)) {
                    next.put(version, kept);
                }
            });
        }
        return next;
    }
}
