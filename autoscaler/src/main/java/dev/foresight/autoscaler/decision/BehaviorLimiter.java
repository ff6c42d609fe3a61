package dev.foresight.autoscaler.decision;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Applies a {@link ScalingBehavior} to raw proposals, as the HPA controller does after its
 * replica calculation: stabilisation windows first, then rate policies, then min/max.
 *
 * <p>Stateful (it remembers proposals and changes inside the windows) and not thread-safe: one
 * instance per scaled target, called once per decision with non-decreasing times.
 */
public final class BehaviorLimiter {

    /** The count to request and the bound that produced it ({@code "none"} when unchanged). */
    public record Limited(int replicas, String bound) {
    }

    private record Entry(long timeMillis, int value) {
    }

    private final ScalingBehavior behavior;
    private final Deque<Entry> proposals = new ArrayDeque<>();
    private final Deque<Entry> changes = new ArrayDeque<>();

    public BehaviorLimiter(ScalingBehavior behavior) {
        this.behavior = behavior;
    }

    /**
     * @param timeMillis decision time
     * @param proposal   what the policy asks for
     * @param current    replicas requested now
     */
    public Limited apply(long timeMillis, int proposal, int current) {
        long upCutoff = timeMillis - behavior.scaleUpStabilization().toMillis();
        long downCutoff = timeMillis - behavior.scaleDownStabilization().toMillis();
        long keep = Math.min(upCutoff, downCutoff);
        while (!proposals.isEmpty() && proposals.peekFirst().timeMillis() <= keep) {
            proposals.removeFirst();
        }
        int upRecommendation = proposal;
        int downRecommendation = proposal;
        for (Entry e : proposals) {
            if (e.timeMillis() > upCutoff) {
                upRecommendation = Math.min(upRecommendation, e.value());
            }
            if (e.timeMillis() > downCutoff) {
                downRecommendation = Math.max(downRecommendation, e.value());
            }
        }
        proposals.addLast(new Entry(timeMillis, proposal));

        String bound = "none";
        int target = current;
        if (target < upRecommendation) {
            target = upRecommendation;
        }
        if (target > downRecommendation) {
            target = downRecommendation;
        }
        if (target != proposal) {
            bound = target > proposal ? "scale-down stabilisation" : "scale-up stabilisation";
        }

        if (target > current) {
            int limit = rateLimit(timeMillis, current, behavior.scaleUpPolicies(), true);
            if (target > limit) {
                target = limit;
                bound = "scale-up rate";
            }
        } else if (target < current) {
            int limit = rateLimit(timeMillis, current, behavior.scaleDownPolicies(), false);
            if (target < limit) {
                target = limit;
                bound = "scale-down rate";
            }
        }
        if (target > behavior.maxReplicas()) {
            target = behavior.maxReplicas();
            bound = "max replicas";
        }
        if (target < behavior.minReplicas()) {
            target = behavior.minReplicas();
            bound = "min replicas";
        }
        if (target != current) {
            changes.addLast(new Entry(timeMillis, target - current));
        }
        return new Limited(target, bound);
    }

    /** Highest (up) or lowest (down) count the rate policies allow, like selectPolicy: Max. */
    private int rateLimit(long timeMillis, int current, List<RatePolicy> policies, boolean up) {
        if (policies.isEmpty()) {
            return up ? Integer.MAX_VALUE : 0;
        }
        long longest = 0;
        for (RatePolicy p : policies) {
            longest = Math.max(longest, p.period().toMillis());
        }
        while (!changes.isEmpty() && changes.peekFirst().timeMillis() <= timeMillis - longest) {
            changes.removeFirst();
        }
        long best = up ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (RatePolicy p : policies) {
            long cutoff = timeMillis - p.period().toMillis();
            int changed = 0;
            for (Entry e : changes) {
                if (e.timeMillis() > cutoff && (up ? e.value() > 0 : e.value() < 0)) {
                    changed += e.value();
                }
            }
            int base = current - changed;
            long limit = up
                    ? (long) base + p.allowedChange(base)
                    : (long) base - p.allowedChange(base);
            best = up ? Math.max(best, limit) : Math.min(best, limit);
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, best));
    }
}
