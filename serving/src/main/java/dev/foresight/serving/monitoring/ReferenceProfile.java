package dev.foresight.serving.monitoring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a model version's inputs and outputs looked like in its training data (or in its first
 * requests): a reference distribution per monitored tensor and feature.
 *
 * @param description where the reference comes from, free text
 * @param tensors     the monitored tensors, names unique
 */
public record ReferenceProfile(String description, List<TensorProfile> tensors) {
    /** The file that carries a version's profile, beside its {@code model.onnx}. */
    public static final String FILE_NAME = "profile.json";
    /** The format name written in (and required of) the file. */
    public static final String FORMAT = "foresight.profile.v1";

    public ReferenceProfile {
        tensors = List.copyOf(tensors);
        Set<String> names = new HashSet<>();
        for (TensorProfile tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' is profiled twice");
            }
        }
    }

    /** Number of features with a reference, over all tensors. */
    public int featureCount() {
        return tensors.stream().mapToInt(t -> t.features().size()).sum();
    }
}
