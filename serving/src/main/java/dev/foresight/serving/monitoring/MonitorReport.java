package dev.foresight.serving.monitoring;

import java.util.List;

/**
 * The monitoring state of one model version: its reference, its windows' scores and its costs.
 *
 * @param requests     requests counted since it was loaded
 * @param dropped      requests of this model dropped because the monitoring queue was full
 * @param memoryBytes  the fixed size of its windows' sketches
 * @param alpha        the false-alarm rate of its drift flag; each feature is tested at
 *                     {@code featureAlpha = alpha / input features}
 * @param drifted      whether its flag is up in either window (see {@link WindowReport#drifted()})
 * @param problems     tensors that could not be counted (e.g. a datatype the reference cannot read)
 */
public record MonitorReport(String model, long version, ProfileStatus profile, long requests, long dropped,
                            long memoryBytes, double alpha, double featureAlpha, double psiThreshold,
                            int minObservations, boolean drifted, List<WindowReport> windows, List<String> problems) {
    public MonitorReport {
        windows = List.copyOf(windows);
        problems = List.copyOf(problems);
    }

    /** The same report with the queue's drop count for this model. */
    MonitorReport withDropped(long count) {
        return new MonitorReport(model, version, profile, requests, count, memoryBytes, alpha, featureAlpha,
                psiThreshold, minObservations, drifted, windows, problems);
    }
}
