package dev.foresight.autoscaler.control;

import dev.foresight.autoscaler.backtest.PredictivePolicy;
import dev.foresight.autoscaler.cluster.Leadership;
import dev.foresight.autoscaler.decision.BehaviorLimiter;
import dev.foresight.autoscaler.decision.CalculatorSettings;
import dev.foresight.autoscaler.decision.ReplicaCalculator;
import dev.foresight.autoscaler.decision.ScaleDecision;
import dev.foresight.autoscaler.forecast.ForecastSelector;
import dev.foresight.autoscaler.forecast.PeakForecast;
import dev.foresight.autoscaler.metrics.AutoscalerMetrics;
import dev.foresight.autoscaler.resource.ConditionStatus;
import dev.foresight.autoscaler.resource.ConditionType;
import dev.foresight.autoscaler.resource.Fallback;
import dev.foresight.autoscaler.resource.Mode;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import dev.foresight.autoscaler.resource.ScaleTargetRef;
import dev.foresight.autoscaler.resource.SelectPolicy;
import dev.foresight.autoscaler.signal.LoadSource;
import dev.foresight.autoscaler.signal.LoadUnavailableException;
import dev.foresight.autoscaler.target.EventRecorder;
import dev.foresight.autoscaler.target.Scale;
import dev.foresight.autoscaler.target.ScaleTarget;
import dev.foresight.autoscaler.target.ScaleTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code PredictiveAutoscaler}'s loop. Each {@link #sync()}: read the target's scale, read the
 * load, decide with the backtest's own core (forecast selector, {@link ReplicaCalculator},
 * {@link BehaviorLimiter}), clamp to the bounds, and act if this instance leads and the mode is
 * {@link Mode#Auto}. Returns the status to publish.
 *
 * <p>Faults: when the target cannot be read nothing is decided ({@code AbleToScale=False}, one
 * Event per new problem); when the load cannot be read, or is implausible, the count is held
 * ({@code ScalingActive=False}) until {@code fallback.failureThreshold} syncs in a row have failed,
 * then the fallback count is set ({@code FallbackActive=True}, never below the current count when
 * {@code neverBelowCurrent}); the first good reading ends the fallback. {@code maxReplicas} bounds
 * every write whatever the forecast.
 *
 * <p>Memory per target is bounded: history is streamed into the forecasters (which keep fixed-size
 * state) and never held. Not thread-safe: one thread at a time calls {@link #sync()}.
 */
public final class ControlLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    /** What a loop talks to. */
    public record Dependencies(LoadSource load, ScaleTarget target, EventRecorder events,
                               Leadership leadership, AutoscalerMetrics metrics, Clock clock) {
    }

    private final String name;
    private final PredictiveAutoscalerSpec spec;
    private final long generation;
    private final LoopSettings settings;
    private final Dependencies deps;
    private final ScaleTargetRef ref;
    private final long step;
    private final ForecastSelector selector;
    private final ReplicaCalculator calculator;
    private final BehaviorLimiter limiter;
    private final ConditionBook conditions = new ConditionBook();

    private boolean historyLoaded;
    private long lastFedSecond = Long.MIN_VALUE;
    private double lastFedValue;
    private long bucketStart = Long.MIN_VALUE;
    private double bucketSum;
    private int bucketCount;
    private int failures;
    private boolean inFallback;
    private String targetProblem;
    private Integer currentReplicas;
    private Integer desiredReplicas;
    private Double forecast;
    private String chosenModel;
    private Instant lastScaleTime;

    public ControlLoop(String name, PredictiveAutoscalerSpec spec, long generation, LoopSettings settings,
                       Dependencies deps) {
        this.name = name;
        this.spec = spec;
        this.generation = generation;
        this.settings = settings;
        this.deps = deps;
        this.ref = spec.scaleTargetRef();
        this.step = settings.forecastStepSeconds();
        Duration ahead = spec.startupDelay().plus(settings.syncPeriod());
        int horizon = (int) Math.max(1, Math.ceil(ahead.toMillis() / (step * 1000.0)));
        PredictivePolicy.Settings policy = PredictivePolicy.Settings.defaults();
        this.selector = PredictivePolicy.standardSelector(step, horizon, policy);
        this.calculator = new ReplicaCalculator(new CalculatorSettings(spec.metric().targetPerReplica(),
                spec.targetUtilization(), policy.peakUtilization(), spec.behavior().tolerance(),
                policy.scaleUpHeadroom(), policy.maxForecastError(), spec.minReplicas(), spec.maxReplicas()));
        this.limiter = new BehaviorLimiter(Behaviors.of(spec.behavior(), spec.minReplicas(), spec.maxReplicas()));
    }

    public String name() {
        return name;
    }

    public PredictiveAutoscalerSpec spec() {
        return spec;
    }

    /** One evaluation; never throws for a fault of Prometheus or Kubernetes. */
    public PredictiveAutoscalerStatus sync() {
        Instant now = deps.clock().instant();
        Scale scale;
        try {
            scale = deps.target().read(ref);
        } catch (ScaleTargetException e) {
            deps.metrics().kubernetesFailure(name, "read-scale");
            targetFailed(e, "FailedGetScale", now);
            return status();
        }
        if (targetProblem != null) {
            LOG.info("{}: target {} readable again", name, ref.name());
        }
        targetProblem = null;
        conditions.set(ConditionType.AbleToScale, ConditionStatus.True, "SucceededGetScale",
                "the target's scale subresource answers", now);
        currentReplicas = scale.specReplicas();
        deps.metrics().currentReplicas(name, currentReplicas);
        double load;
        try {
            load = deps.load().latest(spec.metric().query());
        } catch (LoadUnavailableException e) {
            loadFailed(e, scale, now);
            return status();
        }
        // history only before the first live value (it cannot be prepended later), and only once
        // Prometheus answers: a loop started during an outage still gets its history afterwards
        if (!historyLoaded && lastFedSecond == Long.MIN_VALUE && bucketCount == 0) {
            historyLoaded = loadHistory(now);
        }
        failures = 0;
        deps.metrics().fallback(name, false);
        if (inFallback) {
            inFallback = false;
            conditions.set(ConditionType.FallbackActive, ConditionStatus.False, "MetricRecovered",
                    "the metric is readable again", now);
            deps.events().record(ref, EventRecorder.Type.Normal, "FallbackEnded",
                    name + ": the metric is readable again; predictive scaling resumed");
        } else {
            conditions.set(ConditionType.FallbackActive, ConditionStatus.False, "MetricAvailable",
                    "the metric is readable", now);
        }
        deps.metrics().observed(name, load, scale.specReplicas());
        observe(now.getEpochSecond(), load);

        PeakForecast peak = selector.current();
        ScaleDecision decision = calculator.decide(load, scale.specReplicas(), peak);
        BehaviorLimiter.Limited limited = limiter.apply(now.toEpochMilli(), decision.replicas(), scale.specReplicas());
        int desired = clamp(allowedDirection(limited.replicas(), scale.specReplicas()));
        forecast = peak.usable() ? peak.peak() : null;
        chosenModel = peak.usable() ? peak.model() : null;
        deps.metrics().decided(name, desired, decision.reactiveReplicas(),
                peak.usable() ? peak.peak() : Double.NaN, peak.recentError(),
                decision.reasons().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        String why = String.join("; ", decision.describe())
                + ("none".equals(limited.bound()) ? "" : "; bounded by " + limited.bound());
        conditions.set(ConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound", why, now);
        act(scale, desired, "SuccessfulRescale", why, now);
        return status();
    }

    private void loadFailed(LoadUnavailableException e, Scale scale, Instant now) {
        failures++;
        deps.metrics().prometheusFailure(name, e.cause().name().toLowerCase(Locale.ROOT));
        String reason = e.cause().reason();
        conditions.set(ConditionType.ScalingActive, ConditionStatus.False, reason,
                e.getMessage() + " (" + failures + " failed syncs in a row)", now);
        Fallback fallback = spec.fallback();
        if (fallback == null || failures < fallback.failureThreshold()) {
            String threshold = fallback == null ? "no fallback configured" : failures + "/" + fallback.failureThreshold()
                    + " failures before fallback";
            conditions.set(ConditionType.FallbackActive, ConditionStatus.False, "BelowFailureThreshold",
                    "holding " + scale.specReplicas() + " replicas; " + threshold, now);
            desiredReplicas = spec.mode() == Mode.Auto ? scale.specReplicas() : null;
            if (failures == 1) {
                LOG.warn("{}: load unavailable ({}), holding {} replicas: {}", name, reason, scale.specReplicas(),
                        e.getMessage());
            }
            return;
        }
        int wanted = fallback.neverBelowCurrent()
                ? Math.max(scale.specReplicas(), fallback.replicas()) : fallback.replicas();
        int desired = clamp(wanted);
        String why = "metric failed " + failures + " syncs in a row (" + reason + "); fallback to " + desired
                + " replicas" + (fallback.neverBelowCurrent() ? " (never below current)" : "");
        conditions.set(ConditionType.FallbackActive, ConditionStatus.True, reason, why, now);
        deps.metrics().fallback(name, true);
        if (!inFallback) {
            inFallback = true;
            LOG.warn("{}: {}", name, why);
            deps.events().record(ref, EventRecorder.Type.Warning, "FallbackActive", name + ": " + why);
        }
        act(scale, desired, "FallbackRescale", why, now);
    }

    private void act(Scale scale, int desired, String eventReason, String why, Instant now) {
        if (spec.mode() == Mode.ForecastOnly) {
            desiredReplicas = null;
            return;
        }
        desiredReplicas = desired;
        if (desired == scale.specReplicas()) {
            return;
        }
        if (!deps.leadership().isLeader()) {
            LOG.info("{}: would scale {} -> {} but this instance does not lead", name, scale.specReplicas(), desired);
            return;
        }
        try {
            Scale after = deps.target().write(ref, scale, desired);
            currentReplicas = after.specReplicas();
            lastScaleTime = now;
            deps.metrics().scaled(name);
            deps.metrics().currentReplicas(name, currentReplicas);
            String message = String.format(Locale.ROOT, "%s: New size: %d (was %d); %s", name, desired,
                    scale.specReplicas(), why);
            LOG.info("{} {} {}: {}", eventReason, ref.kind(), ref.name(), message);
            deps.events().record(ref, EventRecorder.Type.Normal, eventReason, message);
        } catch (ScaleTargetException e) {
            deps.metrics().kubernetesFailure(name, "write-scale");
            targetFailed(e, "FailedRescale", now);
        }
    }

    private void targetFailed(ScaleTargetException e, String eventReason, Instant now) {
        conditions.set(ConditionType.AbleToScale, ConditionStatus.False, e.kind().reason(), e.getMessage(), now);
        String problem = eventReason + "/" + e.kind();
        if (!problem.equals(targetProblem)) {
            LOG.warn("{}: {}: {}", name, eventReason, e.getMessage());
            deps.events().record(ref, EventRecorder.Type.Warning, eventReason, name + ": " + e.getMessage());
        }
        targetProblem = problem;
    }

    /** {@code selectPolicy: Disabled} forbids any change in that direction. */
    private int allowedDirection(int wanted, int current) {
        if (wanted > current && spec.behavior().scaleUp().selectPolicy() == SelectPolicy.Disabled) {
            return current;
        }
        if (wanted < current && spec.behavior().scaleDown().selectPolicy() == SelectPolicy.Disabled) {
            return current;
        }
        return wanted;
    }

    private int clamp(int replicas) {
        return Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), replicas));
    }

    /** Reads the history into the forecasters; false when it could not be read. */
    private boolean loadHistory(Instant now) {
        if (settings.history().isZero()) {
            return true;
        }
        long end = Math.floorDiv(now.getEpochSecond(), step) * step - step;
        long start = Math.floorDiv(now.minus(settings.history()).getEpochSecond(), step) * step;
        try {
            int points = deps.load().history(spec.metric().query(), Instant.ofEpochSecond(start),
                    Instant.ofEpochSecond(end), Duration.ofSeconds(step), s -> feed(s.epochSecond(), s.value()));
            LOG.info("{}: read {} points of history at a {} s step; forecast {}", name, points, step,
                    selector.current().usable() ? "usable (" + selector.current().model() + ")" : "warming up");
            return true;
        } catch (LoadUnavailableException e) {
            deps.metrics().prometheusFailure(name, e.cause().name().toLowerCase(Locale.ROOT));
            LOG.warn("{}: no history ({}); tried again before the first live value is used", name, e.getMessage());
            return false;
        }
    }

    /** Live values: one observation per forecast step (the mean of the syncs inside it). */
    private void observe(long epochSecond, double value) {
        long slot = Math.floorDiv(epochSecond, step) * step;
        if (step * 1000 <= settings.syncPeriod().toMillis()) {
            feed(slot, value);
            return;
        }
        if (slot != bucketStart) {
            if (bucketCount > 0) {
                feed(bucketStart, bucketSum / bucketCount);
            }
            bucketStart = slot;
            bucketSum = 0;
            bucketCount = 0;
        }
        bucketSum += value;
        bucketCount++;
    }

    /** Feeds the selector at strictly increasing, evenly spaced times; short gaps repeat the last value. */
    private void feed(long epochSecond, double value) {
        if (epochSecond <= lastFedSecond) {
            return;
        }
        if (lastFedSecond != Long.MIN_VALUE) {
            long missing = (epochSecond - lastFedSecond) / step - 1;
            for (long k = 1; k <= Math.min(missing, settings.maxHistoryPoints()); k++) {
                selector.observe(lastFedSecond + k * step, lastFedValue);
            }
        }
        selector.observe(epochSecond, value);
        lastFedSecond = epochSecond;
        lastFedValue = value;
    }

    private PredictiveAutoscalerStatus status() {
        return new PredictiveAutoscalerStatus(currentReplicas, desiredReplicas, forecast, chosenModel,
                lastScaleTime, generation, conditions.all());
    }
}
