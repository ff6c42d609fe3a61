package dev.foresight.serving.http;

import dev.foresight.serving.repository.DirectoryModelRepository;
import dev.foresight.serving.repository.ModelStatus;
import dev.foresight.serving.repository.ModelUpload;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The model repository API in Triton's shape: index, load (optionally with the model's files),
 * unload. Guarded by {@link BearerTokenFilter}.
 */
@Controller("/v2/repository")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RepositoryController {
    private final DirectoryModelRepository repository;

    RepositoryController(DirectoryModelRepository repository) {
        this.repository = repository;
    }

    /** Body of a load request: {@code {"parameters": {"config": "...", "file:1/model.onnx": "<base64>"}}}. */
    @Serdeable
    record LoadRequest(@Nullable Map<String, String> parameters) {
    }

    /** Every model and version the repository knows, with failures. */
    @Post("/index")
    List<MetadataBodies.IndexEntry> index() {
        List<MetadataBodies.IndexEntry> entries = new ArrayList<>();
        for (ModelStatus status : repository.status()) {
            status.servedVersions().forEach(version ->
                    entries.add(new MetadataBodies.IndexEntry(status.name(), Long.toString(version), "READY", "")));
            status.configError().ifPresent(error ->
                    entries.add(new MetadataBodies.IndexEntry(status.name(), "", "UNAVAILABLE", error)));
            status.failures().forEach(failure -> entries.add(new MetadataBodies.IndexEntry(status.name(),
                    Long.toString(failure.version()), "UNAVAILABLE", failure.reason())));
            if (status.servedVersions().isEmpty() && status.failures().isEmpty() && status.configError().isEmpty()) {
                entries.add(new MetadataBodies.IndexEntry(status.name(), "", "UNAVAILABLE", "no loadable version yet"));
            }
        }
        return entries;
    }

    /** Writes the files given (if any) into the model's folder, then loads the model now. */
    @Post("/models/{model}/load")
    HttpResponse<?> load(String model, @Nullable @Body LoadRequest request) {
        ModelController.checkName(model);
        ModelUpload upload = ModelUpload.of(model, request == null || request.parameters() == null
                ? Map.of() : request.parameters());
        if (!upload.isEmpty()) {
            upload.writeTo(repository.root(), model);
        }
        ModelStatus status = repository.load(model);
        if (!status.ready()) {
            String reasons = java.util.stream.Stream.concat(status.configError().stream(),
                    status.failures().stream().map(f -> "version " + f.version() + ": " + f.reason()))
                    .collect(Collectors.joining("; "));
            return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ErrorBody("model '" + model
                    + "' has no loadable version" + (reasons.isEmpty() ? "" : ": " + reasons)));
        }
        return HttpResponse.ok(Map.of());
    }

    /** Unloads the model (after its in-flight requests) until it is loaded again. */
    @Post("/models/{model}/unload")
    HttpResponse<?> unload(String model) {
        ModelController.checkName(model);
        repository.unload(model);
        return HttpResponse.ok(Map.of());
    }
}
