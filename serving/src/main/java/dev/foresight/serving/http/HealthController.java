package dev.foresight.serving.http;

import dev.foresight.serving.repository.ModelRepository;
import dev.foresight.serving.repository.ModelStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.stream.Collectors;

/** Server health: live once the process serves HTTP, ready once every discovered model serves a version. */
@Controller("/v2/health")
final class HealthController {
    private final ModelRepository repository;
    private final ShutdownDrain shutdown;

    HealthController(ModelRepository repository, ShutdownDrain shutdown) {
        this.repository = repository;
        this.shutdown = shutdown;
    }

    @Get("/live")
    MetadataBodies.Liveness live() {
        return new MetadataBodies.Liveness(true);
    }

    @Get("/ready")
    HttpResponse<?> ready() {
        if (shutdown.draining()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ErrorBody("the server is shutting down"));
        }
        if (repository.ready()) {
            return HttpResponse.ok(new MetadataBodies.Liveness(true));
        }
        String waiting = repository.status().stream().filter(status -> !status.ready())
                .map(ModelStatus::name).collect(Collectors.joining(", "));
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ErrorBody(waiting.isEmpty() ? "the model repository is being scanned"
                        : "models without a ready version: " + waiting));
    }
}
