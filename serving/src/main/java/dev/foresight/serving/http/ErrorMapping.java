package dev.foresight.serving.http;

import dev.foresight.serving.inference.InferenceFailedException;
import dev.foresight.serving.inference.Outcome;
import dev.foresight.serving.inference.OverloadedException;
import dev.foresight.serving.protocol.BadRequestException;
import dev.foresight.serving.repository.ModelNotFoundException;
import dev.foresight.serving.repository.ModelNotReadyException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/** The HTTP status and outcome of each failure; the one place that decides them. */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static HttpStatus status(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof BadRequestException) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof InferenceFailedException) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof ModelNotFoundException) {
            return HttpStatus.NOT_FOUND;
        } else if (e instanceof ModelNotReadyException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        } else if (e instanceof OverloadedException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    static Outcome outcome(HttpStatus status) {
        if (status.getCode() < 400) {
            return Outcome.SUCCESS;
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
            return Outcome.REJECTED;
        }
        return status.getCode() < 500 ? Outcome.CLIENT_ERROR : Outcome.SERVER_ERROR;
    }

    static MutableHttpResponse<ErrorBody> response(Throwable failure) {
        Throwable e = unwrap(failure);
        HttpStatus status = status(e);
        String message;
        if (e instanceof InferenceFailedException) {
            message = "the model could not compute this input: " + e.getMessage();
        } else if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            LOG.error("Unexpected failure", e);
            message = "internal error: " + e.getClass().getSimpleName();
        } else {
            message = e.getMessage();
        }
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(status).body(new ErrorBody(message));
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", "1");
        }
        return response;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
