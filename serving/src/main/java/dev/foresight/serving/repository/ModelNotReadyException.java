package dev.foresight.serving.repository;

/** The model exists but has no version it can serve now (503). */
public class ModelNotReadyException extends RuntimeException {
    public ModelNotReadyException(String message) {
        super(message, null, false, false);
    }
}
