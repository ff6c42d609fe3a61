package dev.foresight.autoscaler.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.harness.MockKubernetes;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leader election on a real Lease object in fabric8's mock API (resource versions enforced). */
class LeaseLeaderElectorTest {
    private static final String LEASE = "foresight-autoscaler";

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private MockKubernetes k8s;
    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void start() {
        k8s = new MockKubernetes();
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private LeaseLeaderElector elector(String identity) {
        return new LeaseLeaderElector(k8s.apiClient(), MockKubernetes.NAMESPACE, LEASE, identity,
                LeaseSettings.defaults(), clock, () -> { });
    }

    @Test
    void onlyOneOfTwoInstancesLeads() {
        LeaseLeaderElector a = elector("a");
        LeaseLeaderElector b = elector("b");
        assertTrue(a.tryAcquireOrRenew());
        assertFalse(b.tryAcquireOrRenew());
        assertTrue(a.isLeader());
        assertFalse(b.isLeader());
        assertEquals("a", k8s.fabric8().leases().withName(LEASE).get().getSpec().getHolderIdentity());
    }

    @Test
    void aLeaderThatStopsRenewingStopsActingBeforeAnotherTakesOver() {
        LeaseLeaderElector a = elector("a");
        LeaseLeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        for (int second = 0; second <= 20; second++) {
            b.tryAcquireOrRenew();
            assertFalse(a.isLeader() && b.isLeader(), "both lead at second " + second);
            if (second < 10) {
                assertTrue(a.isLeader(), "a still within its renew deadline at " + second);
            }
            if (second < 15) {
                assertFalse(b.isLeader(), "b waits for the lease to expire, second " + second);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(b.isLeader());
        assertFalse(a.tryAcquireOrRenew(), "a comes back and finds b holding the lease");
        assertEquals(1, k8s.fabric8().leases().withName(LEASE).get().getSpec().getLeaseTransitions());
    }

    @Test
    void renewingKeepsTheLease() {
        LeaseLeaderElector a = elector("a");
        LeaseLeaderElector b = elector("b");
        for (int i = 0; i < 30; i++) {
            assertTrue(a.tryAcquireOrRenew());
            assertFalse(b.tryAcquireOrRenew());
            clock.advance(Duration.ofSeconds(2));
        }
    }

    @Test
    void releasingHandsTheLeaseOverAtOnce() {
        LeaseLeaderElector a = elector("a");
        LeaseLeaderElector b = elector("b");
        a.tryAcquireOrRenew();
        a.release();
        assertFalse(a.isLeader());
        assertTrue(b.tryAcquireOrRenew());
    }

    @Test
    void twoContendersForAnExpiredLeaseHaveExactlyOneWinner() throws Exception {
        ZonedDateTime long_ago = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        k8s.fabric8().leases().resource(new LeaseBuilder().withNewMetadata().withName(LEASE).endMetadata()
                .withNewSpec().withHolderIdentity("gone").withLeaseDurationSeconds(15).withRenewTime(long_ago)
                .endSpec().build()).create();
        LeaseLeaderElector a = elector("a");
        LeaseLeaderElector b = elector("b");
        assertFalse(a.tryAcquireOrRenew());
        assertFalse(b.tryAcquireOrRenew());
        clock.advance(Duration.ofSeconds(16));
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Boolean> ra = CompletableFuture.supplyAsync(() -> {
            await(together);
            return a.tryAcquireOrRenew();
        });
        CompletableFuture<Boolean> rb = CompletableFuture.supplyAsync(() -> {
            await(together);
            return b.tryAcquireOrRenew();
        });
        assertTrue(ra.get() ^ rb.get(), "exactly one wins: a=" + ra.get() + " b=" + rb.get());
        assertTrue(a.isLeader() ^ b.isLeader());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
