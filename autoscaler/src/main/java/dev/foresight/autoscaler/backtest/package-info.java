/**
 * Offline backtest: replays a recorded load trace through scaling policies under one set of
 * simulation rules (design brief, section 2) and reports violations, cost and scale events, as
 * a summary, JSON, a per-tick timeline and a self-contained HTML report.
 *
 * <p>Plain Java; starts no framework. All policies see the same ticks in lockstep and their
 * proposals pass through the same {@link dev.foresight.autoscaler.decision.BehaviorLimiter}, so
 * differences come from the policies alone.
 */
package dev.foresight.autoscaler.backtest;
