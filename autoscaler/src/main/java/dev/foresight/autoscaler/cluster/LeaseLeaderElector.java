package dev.foresight.autoscaler.cluster;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, the way client-go does it: the holder
 * renews every {@link LeaseSettings#retryPeriod()}; others take the lease only after they have seen
 * the same renewal for a whole {@link LeaseSettings#leaseDuration()} on their own clock (so clock
 * skew between nodes does not matter); every write carries the resource version it was decided on,
 * so of two contenders exactly one wins (the other gets 409). A leader whose last successful
 * renewal is older than {@link LeaseSettings#renewDeadline()} stops acting at once, before anybody
 * else may start: two instances never both act.
 *
 * <p>{@link #tryAcquireOrRenew()} is called from one thread (a scheduler); {@link #isLeader()} from
 * any. {@link #release()} on shutdown hands the lease over without waiting for it to expire.
 */
public final class LeaseLeaderElector implements Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeaderElector.class);

    private final CoordinationV1Api api;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final LeaseSettings settings;
    private final Clock clock;
    private final Runnable onFailure;

    private volatile Instant lastRenewal = Instant.MIN;
    private volatile boolean holding;
    private String observedVersion;
    private Instant observedAt = Instant.MIN;

    public LeaseLeaderElector(ApiClient client, String namespace, String leaseName, String identity,
                              LeaseSettings settings, Clock clock, Runnable onFailure) {
        this.api = new CoordinationV1Api(client);
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
        this.onFailure = onFailure;
    }

    public String identity() {
        return identity;
    }

    @Override
    public boolean isLeader() {
        return holding && Duration.between(lastRenewal, clock.instant()).compareTo(settings.renewDeadline()) < 0;
    }

    /** One round: create, take over, renew or observe the lease. Returns whether this instance leads. */
    public synchronized boolean tryAcquireOrRenew() {
        Instant now = clock.instant();
        try {
            V1Lease lease = read();
            if (lease == null) {
                api.createNamespacedLease(namespace, newLease(now)).execute();
                won(now, "created");
                return true;
            }
            V1LeaseSpec spec = lease.getSpec() == null ? new V1LeaseSpec() : lease.getSpec();
            String holder = spec.getHolderIdentity();
            String version = lease.getMetadata().getResourceVersion();
            if (!Objects.equals(version, observedVersion)) {
                observedVersion = version;
                observedAt = now;
            }
            boolean mine = identity.equals(holder);
            int duration = spec.getLeaseDurationSeconds() == null
                    ? (int) settings.leaseDuration().toSeconds() : spec.getLeaseDurationSeconds();
            boolean free = holder == null || holder.isEmpty()
                    || !observedAt.plusSeconds(duration).isAfter(now);
            if (!mine && !free) {
                lost("held by " + holder);
                return false;
            }
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            spec.holderIdentity(identity).renewTime(at)
                    .leaseDurationSeconds((int) settings.leaseDuration().toSeconds());
            if (!mine) {
                spec.acquireTime(at).leaseTransitions(spec.getLeaseTransitions() == null ? 1 : spec.getLeaseTransitions() + 1);
            }
            lease.spec(spec);
            api.replaceNamespacedLease(leaseName, namespace, lease).execute();
            won(now, mine ? "renewed" : "taken over from " + holder);
            return true;
        } catch (ApiException e) {
            if (e.getCode() != 409) {
                onFailure.run();
                LOG.warn("lease {}: API call failed ({}), leader={}", leaseName,
                        e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode(), isLeader());
            } else {
                lost("another instance wrote the lease first");
            }
            return isLeader();
        }
    }

    /** Gives the lease up (holder cleared, 1 s duration) if this instance holds it. */
    public synchronized void release() {
        if (!holding) {
            return;
        }
        holding = false;
        try {
            V1Lease lease = read();
            if (lease != null && lease.getSpec() != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                lease.getSpec().holderIdentity("").leaseDurationSeconds(1);
                api.replaceNamespacedLease(leaseName, namespace, lease).execute();
                LOG.info("lease {}: released by {}", leaseName, identity);
            }
        } catch (ApiException e) {
            LOG.warn("lease {}: could not release (HTTP {}); it expires by itself", leaseName, e.getCode());
        }
    }

    private V1Lease read() throws ApiException {
        try {
            return api.readNamespacedLease(leaseName, namespace).execute();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private V1Lease newLease(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return new V1Lease().apiVersion("coordination.k8s.io/v1").kind("Lease")
                .metadata(new V1ObjectMeta().name(leaseName).namespace(namespace))
                .spec(new V1LeaseSpec().holderIdentity(identity).acquireTime(at).renewTime(at)
                        .leaseDurationSeconds((int) settings.leaseDuration().toSeconds()).leaseTransitions(0));
    }

    private void won(Instant now, String how) {
        if (!holding) {
            LOG.info("lease {}: {} is the leader ({})", leaseName, identity, how);
        }
        holding = true;
        lastRenewal = now;
    }

    private void lost(String why) {
        if (holding) {
            LOG.info("lease {}: {} is no longer the leader ({})", leaseName, identity, why);
        }
        holding = false;
    }
}
