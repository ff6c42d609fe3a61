package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * The monitors of every model version, made on first use: against the version's shipped profile
 * when its {@link ProfileSource} has one, else from its first requests (with the reason when a
 * shipped profile is invalid). Thread-safe.
 */
public final class ModelMonitors {
    private static final Logger LOG = LoggerFactory.getLogger(ModelMonitors.class);

    private final ProfileSource profiles;
    private final MonitoringSettings settings;
    private final LongSupplier nanoClock;
    private final BiPredicate<String, Long> served;
    private final Map<Key, ModelMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    private record Key(String model, long version) {
    }

    /**
     * Monitors for every version ever counted (for tests and tools; a server passes what it serves).
     *
     * @param nanoClock the time of reports, as {@link System#nanoTime()}
     */
    public ModelMonitors(ProfileSource profiles, MonitoringSettings settings, LongSupplier nanoClock) {
        this(profiles, settings, nanoClock, (model, version) -> true);
    }

    /**
     * @param served whether a version is still served: each time a monitor is made, those of
     *               versions no longer served are forgotten, so reloads do not pile monitors up
     */
    public ModelMonitors(ProfileSource profiles, MonitoringSettings settings, LongSupplier nanoClock,
                         BiPredicate<String, Long> served) {
        this.profiles = profiles;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.served = served;
    }

    public MonitoringSettings settings() {
        return settings;
    }

    /** Counts one answered request, made at {@code nanos}. */
    public void fold(String model, long version, InferRequest request, List<Tensor> outputs, long nanos) {
        monitor(model, version).fold(request, outputs, nanos);
    }

    /** Counts a request of {@code model} dropped before it was counted. */
    public void dropped(String model) {
        dropped.computeIfAbsent(model, m -> new LongAdder()).increment();
    }

    /** Requests of {@code model} dropped so far. */
    public long droppedOf(String model) {
        LongAdder count = dropped.get(model);
        return count == null ? 0 : count.sum();
    }

    /** Drop counts of every model that had drops. */
    public Map<String, Long> dropped() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        dropped.forEach((model, count) -> counts.put(model, count.sum()));
        return counts;
    }

    /** The monitor of a version, made (and its profile read) if this is its first use. */
    public ModelMonitor monitor(String model, long version) {
        Key key = new Key(model, version);
        ModelMonitor monitor = monitors.get(key);
        if (monitor != null) {
            return monitor;
        }
        monitor = monitors.computeIfAbsent(key, k -> create(model, version));
        retain(served);
        return monitor;
    }

    private ModelMonitor create(String model, long version) {
        try {
            Optional<ReferenceProfile> profile = profiles.find(model, version);
            if (profile.isPresent()) {
                LOG.info("Monitoring {} version {} against its shipped profile ({} features)", model, version,
                        profile.get().featureCount());
                return ModelMonitor.shipped(model, version, profile.get(), settings);
            }
            LOG.info("Model {} version {} ships no {}: its first {} requests become its reference", model, version,
                    ReferenceProfile.FILE_NAME, settings.profileRequests());
            return ModelMonitor.fromFirstRequests(model, version, settings, null);
        } catch (IllegalArgumentException e) {
            LOG.warn("Model {} version {}: profile not used ({}); its first {} requests become its reference",
                    model, version, e.getMessage(), settings.profileRequests());
            return ModelMonitor.fromFirstRequests(model, version, settings, e.getMessage());
        }
    }

    /** The report of one version (its monitor made if needed). */
    public MonitorReport report(String model, long version) {
        return monitor(model, version).report(nanoClock.getAsLong()).withDropped(droppedOf(model));
    }

    /** Reports of every monitored version, by model and version. */
    public List<MonitorReport> reports() {
        long now = nanoClock.getAsLong();
        return monitors.values().stream()
                .sorted(Comparator.comparing(ModelMonitor::model).thenComparingLong(ModelMonitor::version))
                .map(monitor -> monitor.report(now).withDropped(droppedOf(monitor.model())))
                .toList();
    }

    /** Forgets the versions for which {@code served} is false (unloaded ones), so their state is freed. */
    public void retain(BiPredicate<String, Long> served) {
        monitors.keySet().removeIf(key -> !served.test(key.model(), key.version()));
    }

    /** Forgets the versions no longer served. */
    public void retainServed() {
        retain(served);
    }

    /** Number of versions monitored now. */
    public int size() {
        return monitors.size();
    }
}
