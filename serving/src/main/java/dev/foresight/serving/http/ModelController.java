package dev.foresight.serving.http;

import dev.foresight.serving.protocol.BadRequestException;
import dev.foresight.serving.repository.ModelRepository;
import dev.foresight.serving.repository.ModelStatus;
import dev.foresight.serving.repository.Names;
import dev.foresight.serving.repository.ServedVersion;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Optional;

/** Model metadata and readiness, per model and per version. */
@Controller
final class ModelController {
    static final String PLATFORM = "onnxruntime_onnx";

    private final ModelRepository repository;

    ModelController(ModelRepository repository) {
        this.repository = repository;
    }

    @Get("/v2/models/{model}")
    MetadataBodies.ModelMetadata model(String model) {
        return metadata(model, Optional.empty());
    }

    @Get("/v2/models/{model}/versions/{version}")
    MetadataBodies.ModelMetadata version(String model, String version) {
        return metadata(model, Optional.of(parseVersion(version)));
    }

    @Get("/v2/models/{model}/ready")
    MetadataBodies.Readiness modelReady(String model) {
        return readiness(model, Optional.empty());
    }

    @Get("/v2/models/{model}/versions/{version}/ready")
    MetadataBodies.Readiness versionReady(String model, String version) {
        return readiness(model, Optional.of(parseVersion(version)));
    }

    private MetadataBodies.ModelMetadata metadata(String model, Optional<Long> version) {
        checkName(model);
        ServedVersion served = repository.acquire(model, version);
        try {
            List<String> versions = version.isPresent() ? List.of(Long.toString(served.version()))
                    : repository.status(model).map(ModelStatus::servedVersions).orElse(List.of())
                            .stream().map(String::valueOf).toList();
            return new MetadataBodies.ModelMetadata(model, versions, PLATFORM,
                    served.inputs().stream().map(MetadataBodies.TensorMetadata::of).toList(),
                    served.outputs().stream().map(MetadataBodies.TensorMetadata::of).toList());
        } finally {
            served.release();
        }
    }

    private MetadataBodies.Readiness readiness(String model, Optional<Long> version) {
        checkName(model);
        ServedVersion served = repository.acquire(model, version);
        served.release();
        return new MetadataBodies.Readiness(model, Long.toString(served.version()), true);
    }

    static void checkName(String model) {
        if (!Names.isValidModelName(model)) {
            throw new BadRequestException("invalid model name '" + abbreviate(model)
                    + "': use letters, digits, '_', '-' and '.', starting with a letter or digit");
        }
    }

    static long parseVersion(String version) {
        return Names.parseVersion(version).orElseThrow(() -> new BadRequestException("invalid version '"
                + abbreviate(version) + "': versions are positive integers"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
