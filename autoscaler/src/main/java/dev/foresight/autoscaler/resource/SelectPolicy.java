package dev.foresight.autoscaler.resource;

/** Which policy wins when several allow different changes, as in the HPA. */
public enum SelectPolicy {
    /** The policy that allows the largest change. */
    Max,
    /** The policy that allows the smallest change. */
    Min,
    /** No change in this direction at all. */
    Disabled
}
