package dev.foresight.serving.repository;

import dev.foresight.serving.inference.SessionSettings;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model's state: the versions it serves (an immutable map, replaced whole when it changes),
 * the version files seen on the last scan, the versions that failed, and its configuration file.
 * Changed only by the scanning thread; requests read {@link #served()}.
 */
final class ModelEntry {
    final String name;
    /** The version files seen on the last scan, with their signatures. */
    final Map<Long, FileSignature> lastSeen = new ConcurrentHashMap<>();
    final LoadFailures failures = new LoadFailures();
    final ModelConfigFile config;
    private volatile NavigableMap<Long, ServedVersion> served = Collections.emptyNavigableMap();

    ModelEntry(String name, SessionSettings defaultSession) {
        this.name = name;
        this.config = new ModelConfigFile(defaultSession);
    }

    /** The versions served now. */
    NavigableMap<Long, ServedVersion> served() {
        return served;
    }

    /**
     * Serves {@code next} from now on, then retires the versions it no longer holds (they close
     * after their in-flight requests). A request that finds a retired version in the map it read
     * finds the new map on its next read.
     */
    void publish(NavigableMap<Long, ServedVersion> next) {
        NavigableMap<Long, ServedVersion> previous = served;
        served = Collections.unmodifiableNavigableMap(new TreeMap<>(next));
        for (Map.Entry<Long, ServedVersion> old : previous.entrySet()) {
            if (next.get(old.getKey()) != old.getValue()) {
                old.getValue().retire();
            }
        }
    }

    /** Why the model serves nothing, for error messages: " yet", or ": <reasons>". */
    String failureSuffix() {
        StringBuilder text = new StringBuilder();
        config.error().ifPresent(error -> text.append(error).append("; "));
        failures.list().forEach(failure -> text.append("version ").append(failure.version()).append(' ')
                .append(failure.reason()).append("; "));
        return text.isEmpty() ? " yet" : ": " + text.substring(0, text.length() - 2);
    }

    ModelStatus status() {
        return new ModelStatus(name, java.util.List.copyOf(served.keySet()), failures.list(), config.error());
    }
}
