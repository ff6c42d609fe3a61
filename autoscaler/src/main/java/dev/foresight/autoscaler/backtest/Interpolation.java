package dev.foresight.autoscaler.backtest;

/** How the load between two trace points is read at a tick. */
public enum Interpolation {
    /** Linearly between the two points (the brief's rule, the default). */
    LINEAR,
    /**
     * The earlier point's value until the next point: a stress test in which the load gives no
     * hint of where it is going before it gets there.
     */
    STEP
}
