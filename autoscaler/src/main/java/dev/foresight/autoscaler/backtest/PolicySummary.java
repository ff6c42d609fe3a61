package dev.foresight.autoscaler.backtest;

/**
 * Outcome of one policy over a whole trace.
 *
 * @param name              policy name
 * @param targetUtilization the policy's target utilisation
 * @param violationMinutes  ticks with load &gt; ready * capacity, times 0.25
 * @param unservedFraction  sum(max(0, load - ready * capacity)) / sum(load)
 * @param replicaHours      sum of requested replicas * tick / 1 h
 * @param scaleEvents       ticks where the requested count changed
 * @param ticks             ticks simulated
 */
public record PolicySummary(String name, double targetUtilization, double violationMinutes,
                            double unservedFraction, double replicaHours, long scaleEvents, long ticks) {
}
