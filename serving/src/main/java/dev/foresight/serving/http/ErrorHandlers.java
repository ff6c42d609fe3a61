package dev.foresight.serving.http;

import dev.foresight.serving.protocol.BadRequestException;
import dev.foresight.serving.repository.ModelNotFoundException;
import dev.foresight.serving.repository.ModelNotReadyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** Maps the core's typed exceptions, thrown by any endpoint, to protocol errors. */
@Controller
final class ErrorHandlers {

    @Error(global = true, exception = BadRequestException.class)
    HttpResponse<ErrorBody> badRequest(HttpRequest<?> request, BadRequestException e) {
        return ErrorMapping.response(e);
    }

    @Error(global = true, exception = ModelNotFoundException.class)
    HttpResponse<ErrorBody> notFound(HttpRequest<?> request, ModelNotFoundException e) {
        return ErrorMapping.response(e);
    }

    @Error(global = true, exception = ModelNotReadyException.class)
    HttpResponse<ErrorBody> notReady(HttpRequest<?> request, ModelNotReadyException e) {
        return ErrorMapping.response(e);
    }
}
