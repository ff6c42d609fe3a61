package dev.foresight.autoscaler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BehaviorLimiterTest {
    private final BehaviorLimiter limiter = new BehaviorLimiter(ScalingBehavior.kubernetesDefaults());

    @Test
    void holdsTheHighestProposalOfTheLastFiveMinutesOnScaleDown() {
        assertEquals(10, limiter.apply(0, 10, 10).replicas());
        BehaviorLimiter.Limited held = limiter.apply(15_000, 3, 10);
        assertEquals(10, held.replicas());
        assertEquals("scale-down stabilisation", held.bound());
        assertEquals(10, limiter.apply(299_000, 3, 10).replicas());
        // the proposal of 10 at t=0 leaves the (t-300 s, t] window at t=300 s
        assertEquals(3, limiter.apply(300_000, 3, 10).replicas());
    }

    @Test
    void scalesDownToTheHighestRecentProposalNotTheLatest() {
        limiter.apply(0, 10, 10);
        limiter.apply(100_000, 6, 10);
        assertEquals(6, limiter.apply(300_000, 2, 10).replicas());
    }

    @Test
    void limitsScaleUpToFourPodsOrDoublingPerPeriod() {
        BehaviorLimiter.Limited small = limiter.apply(0, 50, 1);
        assertEquals(5, small.replicas());
        assertEquals("scale-up rate", small.bound());
        assertEquals(20, new BehaviorLimiter(ScalingBehavior.kubernetesDefaults()).apply(0, 50, 10).replicas());
        // the next period starts from the new count
        assertEquals(10, limiter.apply(15_000, 50, 5).replicas());
    }

    @Test
    void countsChangesInsideALongerRatePeriod() {
        ScalingBehavior slow = new ScalingBehavior(0.1, java.time.Duration.ZERO, java.time.Duration.ZERO,
                java.util.List.of(RatePolicy.pods(2, java.time.Duration.ofSeconds(60))),
                java.util.List.of(RatePolicy.percent(100, java.time.Duration.ofSeconds(15))), 1, 100);
        BehaviorLimiter l = new BehaviorLimiter(slow);
        assertEquals(3, l.apply(0, 9, 1).replicas());
        // two pods already added within the last 60 s: nothing more until it has passed
        assertEquals(3, l.apply(30_000, 9, 3).replicas());
        assertEquals(5, l.apply(60_000, 9, 3).replicas());
    }

    @Test
    void neverGoesBelowMinimumOrAboveMaximum() {
        BehaviorLimiter bounded = new BehaviorLimiter(ScalingBehavior.kubernetesDefaults().withBounds(2, 6));
        assertEquals(6, bounded.apply(0, 9, 5).replicas());
        BehaviorLimiter zero = new BehaviorLimiter(ScalingBehavior.kubernetesDefaults().withBounds(2, 6));
        BehaviorLimiter.Limited min = zero.apply(0, 0, 2);
        assertEquals(2, min.replicas());
        assertEquals("min replicas", min.bound());
    }
}
