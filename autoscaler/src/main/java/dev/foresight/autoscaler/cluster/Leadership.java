package dev.foresight.autoscaler.cluster;

/**
 * Whether this instance may act now. Checked right before every write to a target, so an
 * instance that lost its lease stops acting even in the middle of a sync.
 */
@FunctionalInterface
public interface Leadership {
    boolean isLeader();

    /** Always the leader: a single instance without election (tests, local runs). */
    Leadership ALWAYS = () -> true;
}
