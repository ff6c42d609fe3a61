/**
 * The live control loop: one {@link dev.foresight.autoscaler.control.ControlLoop} per
 * {@code PredictiveAutoscaler} (read the load, decide with the same
 * {@link dev.foresight.autoscaler.decision.ReplicaCalculator}, forecast selector and
 * {@link dev.foresight.autoscaler.decision.BehaviorLimiter} as the backtest, then act through a
 * {@link dev.foresight.autoscaler.target.ScaleTarget}), and the
 * {@link dev.foresight.autoscaler.control.Controller} that keeps one loop per valid resource, reports
 * malformed ones in their status, and acts only while this instance leads.
 *
 * <p>Safety rules live here: missing or implausible load never scales down (the count is held);
 * after {@code fallback.failureThreshold} failed syncs the fallback count applies (never below the
 * current count unless configured); {@code maxReplicas} bounds every write; ForecastOnly never
 * writes. Plain Java; the Micronaut wiring schedules it.
 */
package dev.foresight.autoscaler.control;
