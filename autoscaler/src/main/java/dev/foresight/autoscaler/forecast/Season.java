package dev.foresight.autoscaler.forecast;

/** A seasonal period found in a load series. */
public enum Season {
    NONE(0),
    DAILY(86_400),
    WEEKLY(604_800);

    private final long seconds;

    Season(long seconds) {
        this.seconds = seconds;
    }

    /** Length of the season in seconds; 0 for {@link #NONE}. */
    public long seconds() {
        return seconds;
    }
}
