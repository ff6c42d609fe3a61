/**
 * Replica arithmetic: from a forecast, a reactive signal and the current state to a
 * {@link dev.foresight.autoscaler.decision.ScaleDecision} that carries every reason.
 *
 * <p>Everything here is plain Java and side-effect free except {@link
 * dev.foresight.autoscaler.decision.BehaviorLimiter}, which remembers recent proposals the way the
 * Kubernetes HPA controller does (stabilisation windows, rate policies). The loop that reads
 * metrics and writes to Kubernetes lives elsewhere and stays thin.
 */
package dev.foresight.autoscaler.decision;
