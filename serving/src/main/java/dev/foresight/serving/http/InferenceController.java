package dev.foresight.serving.http;

import dev.foresight.serving.dispatch.InferenceDispatcher;
import dev.foresight.serving.inference.InferenceObserver;
import dev.foresight.serving.inference.Outcome;
import dev.foresight.serving.inference.RequestTiming;
import dev.foresight.serving.protocol.BadRequestException;
import dev.foresight.serving.protocol.InferRequest;
import dev.foresight.serving.protocol.InferRequestDecoder;
import dev.foresight.serving.protocol.InferResponseEncoder;
import dev.foresight.serving.repository.ModelNotFoundException;
import dev.foresight.serving.repository.ModelRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v2/models/{model}[/versions/{version}]/infer}, in JSON or with the binary tensor
 * data extension ({@code Inference-Header-Content-Length}). The body is decoded on the event
 * loop straight into primitive arrays; the model runs on the inference threads; the response is
 * encoded there. Every failure becomes a protocol error and is counted.
 */
@Controller("/v2/models/{model}")
final class InferenceController {
    /** Length of the JSON header of a request or response with binary tensor data. */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private final InferenceDispatcher dispatcher;
    private final ModelRepository repository;
    private final InferenceObserver observer;
    private final InferRequestDecoder decoder = new InferRequestDecoder();
    private final InferResponseEncoder encoder = new InferResponseEncoder();

    InferenceController(InferenceDispatcher dispatcher, ModelRepository repository, InferenceObserver observer) {
        this.dispatcher = dispatcher;
        this.repository = repository;
        this.observer = observer;
    }

    @Post("/infer")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<?>> infer(String model, @Nullable @Body byte[] body,
            @Nullable @Header(HEADER_LENGTH) String headerLength) {
        return run(model, Optional.empty(), body, headerLength);
    }

    @Post("/versions/{version}/infer")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    @Produces(MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<?>> inferVersion(String model, String version, @Nullable @Body byte[] body,
            @Nullable @Header(HEADER_LENGTH) String headerLength) {
        return run(model, Optional.of(version), body, headerLength);
    }

    private CompletableFuture<MutableHttpResponse<?>> run(String model, Optional<String> versionText, byte[] body,
                                                          String headerLength) {
        long started = System.nanoTime();
        RequestTiming timing = new RequestTiming();
        try {
            ModelController.checkName(model);
            Optional<Long> version = versionText.map(ModelController::parseVersion);
            if (!repository.contains(model)) {
                throw new ModelNotFoundException("unknown model '" + model + "'");
            }
            if (body == null || body.length == 0) {
                throw new BadRequestException("request body is empty; expected a JSON inference request");
            }
            InferRequest request = headerLength == null ? decoder.decode(body)
                    : decoder.decode(body, parseLength(headerLength));
            return dispatcher.infer(model, version, request, timing)
                    .<MutableHttpResponse<?>>thenApply(response -> {
                        InferResponseEncoder.Encoded encoded = encoder.encode(response, request::binary);
                        observer.completed(model, timing.version(), Outcome.SUCCESS, System.nanoTime() - started,
                                timing.queueNanos(), timing.computeNanos());
                        if (encoded.binary()) {
                            return HttpResponse.ok(encoded.body()).contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                                    .header(HEADER_LENGTH, Integer.toString(encoded.jsonLength()));
                        }
                        return HttpResponse.ok(encoded.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
                    })
                    .exceptionally(failure -> failed(model, timing, started, failure));
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(failed(model, timing, started, failure));
        }
    }

    private static int parseLength(String headerLength) {
        try {
            return Integer.parseInt(headerLength.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(HEADER_LENGTH + " must be an integer, got '" + headerLength + "'");
        }
    }

    private MutableHttpResponse<?> failed(String model, RequestTiming timing, long started,
                                          Throwable failure) {
        HttpStatus status = ErrorMapping.status(failure);
        String label = repository.contains(model) ? model : null;
        observer.completed(label, timing.version(), ErrorMapping.outcome(status), System.nanoTime() - started,
                timing.queueNanos(), timing.computeNanos());
        return ErrorMapping.response(failure);
    }
}
