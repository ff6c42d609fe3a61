package dev.foresight.autoscaler.backtest;

/** Receives one row per tick and reported policy; see {@link TimelineWriter}. */
public interface TimelineSink {
    /** Discards every row. */
    TimelineSink NONE = (epochSeconds, policy, load, requested, ready, forecast) -> { };

    void row(double epochSeconds, String policy, double load, int requested, int ready, double forecast);
}
