package dev.foresight.serving.inference;

/** The model's queue is full: the request is refused at once (429) instead of waiting. */
public class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message, null, false, false);
    }
}
