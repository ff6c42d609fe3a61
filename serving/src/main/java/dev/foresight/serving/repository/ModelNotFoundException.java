package dev.foresight.serving.repository;

/** The model or version asked for is not in the repository (404). */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(String message) {
        super(message, null, false, false);
    }
}
