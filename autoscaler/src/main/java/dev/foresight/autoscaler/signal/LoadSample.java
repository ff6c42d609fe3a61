package dev.foresight.autoscaler.signal;

/**
 * One validated load value.
 *
 * @param epochSecond time of the value (UTC seconds)
 * @param value       the load, finite and &gt;= 0
 */
public record LoadSample(long epochSecond, double value) {
}
