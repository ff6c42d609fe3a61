package dev.foresight.autoscaler.control;

import dev.foresight.autoscaler.cluster.Leadership;
import dev.foresight.autoscaler.cluster.PredictiveAutoscalerClient;
import dev.foresight.autoscaler.cluster.PredictiveAutoscalerItem;
import dev.foresight.autoscaler.cluster.SpecReader;
import dev.foresight.autoscaler.resource.Condition;
import dev.foresight.autoscaler.resource.ConditionStatus;
import dev.foresight.autoscaler.resource.ConditionType;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import io.kubernetes.client.openapi.ApiException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link ControlLoop} per valid {@code PredictiveAutoscaler} of the namespace and runs
 * them, while this instance leads.
 *
 * <p>Each {@link #cycle()} (every sync period) lists the resources: a new, re-created or changed
 * one (uid or generation) gets a fresh loop; a deleted one loses its loop; a malformed one gets a
 * status saying what is wrong ({@code ScalingActive=False}, reason {@code InvalidSpec}) and no loop,
 * while the others keep working. Every loop's sync runs on a small pool, one at a time per loop (a
 * slow target skips a cycle rather than piling up), and its status is written when it changed.
 * Listing every period keeps the loops in step with the resources even without a watch (as an
 * informer's resync does); {@link #reconcileNow()} is for a watch that sees a change between periods.
 *
 * <p>A follower runs nothing and holds no loops; on becoming leader it starts fresh loops, which
 * read their history again.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private record Running(String uid, long generation, ControlLoop loop, AtomicBoolean busy) {
    }

    private final PredictiveAutoscalerClient resources;
    private final LoopSettings settings;
    private final ControlLoop.Dependencies deps;
    private final SpecReader reader = new SpecReader();
    private final Map<String, Running> loops = new ConcurrentHashMap<>();
    private final Map<String, PredictiveAutoscalerStatus> written = new ConcurrentHashMap<>();
    private final Map<String, String> invalid = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    public Controller(PredictiveAutoscalerClient resources, LoopSettings settings, ControlLoop.Dependencies deps,
                      int threads) {
        this.resources = resources;
        this.settings = settings;
        this.deps = deps;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "foresight-loop");
            t.setDaemon(true);
            return t;
        });
    }

    /** Names of the resources that have a running loop (for tests and logs). */
    public Set<String> running() {
        return Set.copyOf(loops.keySet());
    }

    /** One round: list, reconcile, start the syncs that are due. Never throws. */
    public synchronized void cycle() {
        if (listAndReconcile()) {
            loops.forEach(this::start);
        }
    }

    /**
     * List and reconcile now (a watch saw a change): new loops sync at once, the others keep their
     * period. Never throws.
     */
    public synchronized void reconcileNow() {
        Set<String> before = Set.copyOf(loops.keySet());
        Map<String, Running> previous = Map.copyOf(loops);
        if (listAndReconcile()) {
            loops.forEach((name, running) -> {
                if (!before.contains(name) || previous.get(name) != running) {
                    start(name, running);
                }
            });
        }
    }

    private void start(String name, Running running) {
        if (running.busy().compareAndSet(false, true)) {
            pool.execute(() -> runOnce(name, running));
        }
    }

    /** Returns false when this instance does not lead or the list failed. */
    private boolean listAndReconcile() {
        Leadership leadership = deps.leadership();
        boolean leader = leadership.isLeader();
        deps.metrics().leader(leader);
        if (!leader) {
            if (!loops.isEmpty()) {
                LOG.info("not the leader: stopping {} loops", loops.size());
                loops.clear();
                written.clear();
                invalid.clear();
            }
            return false;
        }
        List<PredictiveAutoscalerItem> items;
        try {
            items = resources.list();
        } catch (ApiException | RuntimeException e) {
            deps.metrics().kubernetesFailure("", "list");
            LOG.warn("could not list PredictiveAutoscalers: {}", e instanceof ApiException a
                    ? "HTTP " + a.getCode() + " " + Objects.toString(a.getCause(), "") : e.toString());
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (PredictiveAutoscalerItem item : items) {
            seen.add(item.name());
            reconcile(item);
        }
        for (String name : Set.copyOf(loops.keySet())) {
            if (!seen.contains(name)) {
                LOG.info("{}: deleted, loop stopped", name);
                loops.remove(name);
                written.remove(name);
                deps.metrics().remove(name);
            }
        }
        invalid.keySet().retainAll(seen);
        return true;
    }

    private void reconcile(PredictiveAutoscalerItem item) {
        Running existing = loops.get(item.name());
        if (existing != null && existing.uid().equals(item.uid()) && existing.generation() == item.generation()) {
            return;
        }
        PredictiveAutoscalerSpec spec;
        ControlLoop loop;
        try {
            spec = reader.read(item.spec());
            loop = newLoop(item, spec);
        } catch (SpecReader.InvalidSpecException e) {
            loops.remove(item.name());
            String key = item.uid() + "/" + item.generation() + "/" + e.getMessage();
            if (!key.equals(invalid.put(item.name(), key))) {
                LOG.warn("{}: invalid spec: {}", item.name(), e.getMessage());
                Instant now = deps.clock().instant();
                String message = "invalid spec: " + e.getMessage();
                write(item.name(), new PredictiveAutoscalerStatus(null, null, null, null, null, item.generation(),
                        List.of(new Condition(ConditionType.ScalingActive, ConditionStatus.False, "InvalidSpec", message, now),
                                new Condition(ConditionType.AbleToScale, ConditionStatus.False, "InvalidSpec", message, now))));
            }
            return;
        }
        invalid.remove(item.name());
        LOG.info("{}: {} loop for {} {} ({}..{} replicas, {})", item.name(), existing == null ? "starting" : "restarting",
                spec.scaleTargetRef().kind(), spec.scaleTargetRef().name(), spec.minReplicas(), spec.maxReplicas(),
                spec.mode());
        loops.put(item.name(), new Running(item.uid(), item.generation(), loop, new AtomicBoolean()));
    }

    private ControlLoop newLoop(PredictiveAutoscalerItem item, PredictiveAutoscalerSpec spec)
            throws SpecReader.InvalidSpecException {
        try {
            return new ControlLoop(item.name(), spec, item.generation(), settings, deps);
        } catch (IllegalArgumentException e) {
            throw new SpecReader.InvalidSpecException(e.getMessage());
        }
    }

    private void runOnce(String name, Running running) {
        try {
            PredictiveAutoscalerStatus status = running.loop().sync();
            if (loops.get(name) == running && !status.equals(written.get(name))) {
                write(name, status);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: sync failed unexpectedly", name, e);
        } finally {
            running.busy().set(false);
        }
    }

    private void write(String name, PredictiveAutoscalerStatus status) {
        try {
            resources.writeStatus(name, status);
            written.put(name, status);
        } catch (ApiException | RuntimeException e) {
            deps.metrics().kubernetesFailure(name, "write-status");
            LOG.warn("{}: could not write status: {}", name,
                    e instanceof ApiException a ? "HTTP " + a.getCode() : e.toString());
        }
    }

    /** Stops the loops, letting a sync in progress finish (bounded by {@code grace}). */
    public void close(java.time.Duration grace) {
        loops.clear();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(settings.syncPeriod());
    }
}
