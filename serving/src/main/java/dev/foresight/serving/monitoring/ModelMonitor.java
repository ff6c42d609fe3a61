package dev.foresight.serving.monitoring;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model version's monitoring: its reference, and its requests counted into a window by count
 * and one by time, scored on demand.
 *
 * <p>A version with a shipped profile is compared from its first request. One without builds its
 * reference from its first {@link MonitoringSettings#profileRequests()} requests
 * ({@link ProfileBuilder}) and is compared from then on. Memory after that is fixed:
 * {@code 2 * panes + 2} sketches per feature ({@link #memoryBytes()}). Thread-safe: counting and
 * reporting hold the monitor's lock.
 */
public final class ModelMonitor {
    private static final int MAX_PROBLEMS = 16;

    private final String model;
    private final long version;
    private final MonitoringSettings settings;
    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> failed = new java.util.HashSet<>();
    private ProfileStatus status;
    private ProfileBuilder builder;
    private ReferenceProfile profile;
    private Map<String, Binding> inputs = Map.of();
    private Map<String, Binding> outputs = Map.of();
    private SlidingWindow byCount;
    private SlidingWindow byTime;
    private Pane request;
    private Pane total;
    private DriftEvaluator evaluator;
    private long requests;

    private record Binding(TensorProfile tensor, int offset) {
    }

    private ModelMonitor(String model, long version, MonitoringSettings settings) {
        this.model = model;
        this.version = version;
        this.settings = settings;
    }

    /** A monitor against a shipped profile. */
    public static ModelMonitor shipped(String model, long version, ReferenceProfile profile, MonitoringSettings settings) {
        ModelMonitor monitor = new ModelMonitor(model, version, settings);
        monitor.status = new ProfileStatus(ProfileStatus.SHIPPED, profile.description(), true, 0, 0, null);
        monitor.start(profile);
        return monitor;
    }

    /**
     * A monitor that builds its reference from its first requests.
     *
     * @param error why a shipped profile could not be used, or null when there is none
     */
    public static ModelMonitor fromFirstRequests(String model, long version, MonitoringSettings settings, String error) {
        ModelMonitor monitor = new ModelMonitor(model, version, settings);
        monitor.builder = new ProfileBuilder(settings.profileRequests(), MonitoringSettings.RESERVOIR_VALUES,
                (model + "/" + version).hashCode());
        monitor.status = monitor.buildingStatus(error);
        return monitor;
    }

    private ProfileStatus buildingStatus(String error) {
        return new ProfileStatus(ProfileStatus.FIRST_REQUESTS, "the first " + settings.profileRequests()
                + " requests to " + model + " version " + version, builder == null, settings.profileRequests(),
                builder == null ? settings.profileRequests() : builder.requests(), error);
    }

    private void start(ReferenceProfile reference) {
        profile = reference;
        List<FeatureReference> references = new ArrayList<>();
        Map<String, Binding> in = new HashMap<>();
        Map<String, Binding> out = new HashMap<>();
        for (TensorProfile tensor : reference.tensors()) {
            (tensor.role() == TensorProfile.Role.INPUT ? in : out).put(tensor.name(), new Binding(tensor, references.size()));
            tensor.features().forEach(feature -> references.add(feature.reference()));
        }
        inputs = in;
        outputs = out;
        byCount = SlidingWindow.byCount(references, settings.panes(), settings.windowRequests());
        byTime = SlidingWindow.byTime(references, settings.panes(), settings.windowDuration());
        request = new Pane(references);
        total = new Pane(references);
        evaluator = new DriftEvaluator(settings.alpha() / flaggingFeatures(reference),
                settings.psiThreshold(), settings.minObservations());
    }

    /**
     * The role whose features raise the version's drift flag: its inputs, or its outputs when the
     * profile has no inputs. Outputs are scored and flagged feature by feature all the same, but an
     * output that moves while the inputs do not usually means the traffic's mix moved inside the
     * training distribution (the recommender scores recently active customers higher), which is
     * worth a look on the dashboard, not an alert.
     */
    private static TensorProfile.Role flagging(ReferenceProfile reference) {
        return reference.tensors().stream().anyMatch(t -> t.role() == TensorProfile.Role.INPUT)
                ? TensorProfile.Role.INPUT : TensorProfile.Role.OUTPUT;
    }

    /** Features of the flagging role: alpha is split among them, so the flag's false-alarm rate is at most alpha. */
    private static int flaggingFeatures(ReferenceProfile reference) {
        TensorProfile.Role role = flagging(reference);
        return Math.max(1, reference.tensors().stream().filter(t -> t.role() == role)
                .mapToInt(t -> t.features().size()).sum());
    }

    /** Counts one answered request, made at {@code nanos} ({@link System#nanoTime()}). */
    public synchronized void fold(InferRequest answered, List<Tensor> results, long nanos) {
        requests++;
        if (builder != null) {
            builder.fold(answered, results);
            if (builder.complete()) {
                ReferenceProfile built = builder.build(status.description());
                builder = null;
                status = buildingStatus(status.error());
                start(built);
            } else {
                status = buildingStatus(status.error());
            }
            return;
        }
        for (Tensor tensor : answered.inputs()) {
            count(inputs.get(tensor.name()), tensor);
        }
        for (Tensor tensor : results) {
            count(outputs.get(tensor.name()), tensor);
        }
        request.requests = 1;
        request.addTo(byCount.paneFor(nanos));
        request.addTo(byTime.paneFor(nanos));
        request.clear();
    }

    private void count(Binding binding, Tensor tensor) {
        if (binding == null || failed.contains(tensor.name())) {
            return;
        }
        try {
            TensorFolder.fold(binding.tensor(), tensor, request.sketches, binding.offset());
        } catch (IllegalArgumentException e) {
            failed.add(tensor.name());
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(e.getMessage());
            }
        }
    }

    /** Scores at {@code nanos}; a version still building its reference reports no windows. */
    public synchronized MonitorReport report(long nanos) {
        List<WindowReport> windows = new ArrayList<>();
        double featureAlpha = settings.alpha();
        if (profile != null) {
            featureAlpha = settings.alpha() / flaggingFeatures(profile);
            TensorProfile.Role flagging = flagging(profile);
            for (SlidingWindow window : List.of(byCount, byTime)) {
                window.sum(nanos, total);
                List<FeatureDrift> features = new ArrayList<>();
                boolean drifted = false;
                for (TensorProfile tensor : profile.tensors()) {
                    int offset = (tensor.role() == TensorProfile.Role.INPUT ? inputs : outputs).get(tensor.name()).offset();
                    for (int i = 0; i < tensor.features().size(); i++) {
                        FeatureDrift drift = evaluator.evaluate(tensor, tensor.features().get(i), total.sketches[offset + i]);
                        drifted |= drift.drifted() && tensor.role() == flagging;
                        features.add(drift);
                    }
                }
                windows.add(new WindowReport(window.name(), window.span(), total.requests, drifted, features));
            }
        }
        boolean drifted = windows.stream().anyMatch(WindowReport::drifted);
        return new MonitorReport(model, version, status, requests, 0, memoryBytes(), settings.alpha(), featureAlpha,
                settings.psiThreshold(), settings.minObservations(), drifted, windows, List.copyOf(problems));
    }

    /** Bytes of the windows' sketches (fixed once the reference is there). */
    public synchronized long memoryBytes() {
        return profile == null ? 0 : byCount.bytes() + byTime.bytes() + request.bytes() + total.bytes();
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }
}
