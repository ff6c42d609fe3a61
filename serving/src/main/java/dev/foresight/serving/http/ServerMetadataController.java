package dev.foresight.serving.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/** {@code GET /v2}: the server's name, version and protocol extensions. */
@Controller("/v2")
final class ServerMetadataController {
    static final String NAME = "foresight";
    static final String VERSION = "0.1.0";

    @Get
    MetadataBodies.ServerMetadata metadata() {
        return new MetadataBodies.ServerMetadata(NAME, VERSION, List.of("model_repository", "binary_tensor_data"));
    }
}
