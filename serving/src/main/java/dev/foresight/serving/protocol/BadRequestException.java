package dev.foresight.serving.protocol;

/**
 * A client's mistake: malformed request, wrong datatype or shape, unknown input. Answered with
 * 400 and the message, which names what is wrong and what was expected.
 */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
