package dev.foresight.serving.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Makes Micronaut's own errors (unknown route, wrong method, body too large, malformed body) use
 * the protocol's {@code {"error": "..."}} shape instead of JSON:API.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage)
                .collect(Collectors.joining("; "));
        if (message.isBlank()) {
            message = response.reason();
        }
        return new ErrorBody(message);
    }
}
