package dev.foresight.autoscaler.resource;

/** What the controller does with its decision. */
public enum Mode {
    /** Compute, publish in status and metrics, and set the target's replica count. */
    Auto,
    /** Compute and publish, never touch the target (a dry run). */
    ForecastOnly
}
