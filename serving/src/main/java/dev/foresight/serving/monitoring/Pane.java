package dev.foresight.serving.monitoring;

import java.util.List;

/** One slice of a sliding window: a sketch per monitored feature and the requests counted. */
final class Pane {
    final FeatureSketch[] sketches;
    long requests;

    Pane(List<FeatureReference> references) {
        sketches = new FeatureSketch[references.size()];
        for (int i = 0; i < sketches.length; i++) {
            sketches[i] = references.get(i).newSketch();
        }
    }

    void clear() {
        for (FeatureSketch sketch : sketches) {
            sketch.clear();
        }
        requests = 0;
    }

    void addTo(Pane total) {
        for (int i = 0; i < sketches.length; i++) {
            sketches[i].addTo(total.sketches[i]);
        }
        total.requests += requests;
    }

    long bytes() {
        long bytes = 32;
        for (FeatureSketch sketch : sketches) {
            bytes += sketch.bytes();
        }
        return bytes;
    }
}
