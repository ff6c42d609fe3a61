package dev.foresight.autoscaler.backtest;

/**
 * What a policy may see at one tick: only the present and (through its own memory) the past.
 *
 * @param index         tick number from 0
 * @param epochSeconds  tick time
 * @param load          load at this tick
 * @param signal        reactive signal: mean load over the signal window ending at this tick
 * @param requested     replicas requested before this tick's decision
 * @param ready         replicas ready at this tick
 */
public record TickView(long index, double epochSeconds, double load, double signal, int requested,
                       int ready) {
}
