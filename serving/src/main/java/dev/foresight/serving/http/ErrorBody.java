package dev.foresight.serving.http;

import io.micronaut.serde.annotation.Serdeable;

/** Every error the server answers: {@code {"error": "..."}}, as the Open Inference Protocol asks. */
@Serdeable
public record ErrorBody(String error) {
}
