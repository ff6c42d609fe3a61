package dev.foresight.serving.http;

import dev.foresight.serving.protocol.TensorSpec;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** JSON bodies of the protocol's metadata and health endpoints. */
final class MetadataBodies {
    private MetadataBodies() {
    }

    @Serdeable
    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    /** {@code optional} is present (true) only for inputs the model gives a default to. */
    @Serdeable
    record TensorMetadata(String name, String datatype, long[] shape, @io.micronaut.core.annotation.Nullable Boolean optional) {
        static TensorMetadata of(TensorSpec spec) {
            return new TensorMetadata(spec.name(), spec.datatype().name(), spec.shape(), spec.optional() ? true : null);
        }
    }

    @Serdeable
    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {
    }

    @Serdeable
    record Readiness(String name, String version, boolean ready) {
    }

    @Serdeable
    record Liveness(boolean live) {
    }

    /** One row of the repository index, in Triton's shape. */
    @Serdeable
    record IndexEntry(String name, String version, String state, String reason) {
    }
}
