package dev.foresight.serving.http;

import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.InferRequestDecoder;
import dev.foresight.serving.protocol.InferResponse;
import dev.foresight.serving.protocol.InferResponseEncoder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

/**
 * The benchmark's baseline, off unless {@code foresight.bench.echo=true}: a bare endpoint that
 * parses a V2 request and answers its inputs as outputs, with no model behind it. Serving
 * throughput over this endpoint's is the server's overhead ratio (see bench/README.md).
 */
@Controller("/v2/echo/infer")
@Requires(property = "foresight.bench.echo", value = "true")
final class EchoController {
    private final InferRequestDecoder decoder = new InferRequestDecoder();
    private final InferResponseEncoder encoder = new InferResponseEncoder();

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> echo(@Nullable @Body byte[] body) {
        InferRequest request = decoder.decode(body == null ? new byte[0] : body);
        return HttpResponse.ok(encoder.encode(new InferResponse("echo", 1, request.id(), request.inputs())));
    }
}
