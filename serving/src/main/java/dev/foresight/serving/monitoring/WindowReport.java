package dev.foresight.serving.monitoring;

import java.util.List;

/**
 * A model version's scores over one window.
 *
 * @param window   "count" or "time"
 * @param span     requests the window holds when full ("count") or its length in seconds ("time")
 * @param requests requests in the window now
 * @param drifted  whether an input feature drifted (an output one when the profile has no inputs)
 */
public record WindowReport(String window, long span, long requests, boolean drifted, List<FeatureDrift> features) {
    public WindowReport {
        features = List.copyOf(features);
    }
}
