package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.decision.BehaviorLimiter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One policy's simulated world: requested and ready replicas, replicas starting up, and the
 * accumulated figures. Per tick: replicas whose delay has passed become ready; the policy
 * proposes; the behaviour limiter bounds the proposal; additions start up, removals take
 * not-yet-ready replicas first (the most recently added first) and are immediate; then the tick
 * is scored against the ready count after the decision.
 */
final class PolicyRun {
    private record Starting(long readyAtTick, int count) {
    }

    private final ScalingPolicy policy;
    private final SimulationRules rules;
    private final BehaviorLimiter limiter;
    private final Deque<Starting> starting = new ArrayDeque<>();
    private final double tickHours;
    private int requested;
    private int ready;
    private long violationTicks;
    private double unserved;
    private double totalLoad;
    private double replicaHours;
    private long scaleEvents;
    private long ticks;

    PolicyRun(ScalingPolicy policy, SimulationRules rules, double initialLoad) {
        this.policy = policy;
        this.rules = rules;
        this.limiter = new BehaviorLimiter(rules.behavior());
        this.tickHours = rules.tick().toMillis() / 3_600_000.0;
        int initial = (int) Math.ceil(initialLoad / (rules.capacityPerReplica() * policy.targetUtilization()));
        initial = Math.max(rules.behavior().minReplicas(), Math.min(rules.behavior().maxReplicas(), initial));
        this.requested = initial;
        this.ready = initial;
    }

    ScalingPolicy policy() {
        return policy;
    }

    int requested() {
        return requested;
    }

    int ready() {
        return ready;
    }

    /** Runs one tick; returns whether it was a violation tick. */
    boolean step(long index, double epochSeconds, double load, double signal) {
        while (!starting.isEmpty() && starting.peekFirst().readyAtTick() <= index) {
            ready += starting.removeFirst().count();
        }
        int proposal = policy.propose(new TickView(index, epochSeconds, load, signal, requested, ready));
        long millis = Math.round(epochSeconds * 1000);
        int next = limiter.apply(millis, proposal, requested).replicas();
        if (next > requested) {
            int added = next - requested;
            if (rules.delayTicks() == 0) {
                ready += added;
            } else {
                starting.addLast(new Starting(index + rules.delayTicks(), added));
            }
        } else if (next < requested) {
            int remove = requested - next;
            while (remove > 0 && !starting.isEmpty()) {
                Starting last = starting.removeLast();
                int taken = Math.min(remove, last.count());
                remove -= taken;
                if (taken < last.count()) {
                    starting.addLast(new Starting(last.readyAtTick(), last.count() - taken));
                }
            }
            ready -= remove;
        }
        if (next != requested) {
            scaleEvents++;
        }
        requested = next;
        double served = ready * rules.capacityPerReplica();
        boolean violation = load > served;
        if (violation) {
            violationTicks++;
            unserved += load - served;
        }
        totalLoad += load;
        replicaHours += requested * tickHours;
        ticks++;
        return violation;
    }

    PolicySummary summary() {
        double tickMinutes = rules.tick().toMillis() / 60_000.0;
        return new PolicySummary(policy.name(), policy.targetUtilization(), violationTicks * tickMinutes,
                totalLoad > 0 ? unserved / totalLoad : 0, replicaHours, scaleEvents, ticks);
    }
}
