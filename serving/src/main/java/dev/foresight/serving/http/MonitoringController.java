package dev.foresight.serving.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.foresight.serving.monitoring.ModelMonitors;
import dev.foresight.serving.repository.ModelNotFoundException;
import dev.foresight.serving.repository.ModelRepository;
import dev.foresight.serving.repository.ServedVersion;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /v2/models/{model}[/versions/{version}]/monitoring}: the served version's reference
 * (shipped, or built from its first requests) and its drift scores over the window by count and
 * the window by time, as JSON (a Foresight extension of the V2 protocol's model space).
 */
@Controller("/v2/models/{model}")
final class MonitoringController {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final ModelRepository repository;
    private final ModelMonitors monitors;
    private final MonitoringConfiguration config;

    MonitoringController(ModelRepository repository, ModelMonitors monitors, MonitoringConfiguration config) {
        this.repository = repository;
        this.monitors = monitors;
        this.config = config;
    }

    @Get(value = "/monitoring", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> model(String model) {
        return report(model, Optional.empty());
    }

    @Get(value = "/versions/{version}/monitoring", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> version(String model, String version) {
        return report(model, Optional.of(ModelController.parseVersion(version)));
    }

    private HttpResponse<byte[]> report(String model, Optional<Long> version) {
        ModelController.checkName(model);
        if (!config.enabled()) {
            throw new ModelNotFoundException("monitoring is off (FORESIGHT_MONITORING_ENABLED=false)");
        }
        ServedVersion served = repository.acquire(model, version);
        long number = served.version();
        served.release();
        try {
            return HttpResponse.ok(JSON.writeValueAsBytes(monitors.report(model, number)))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
