package dev.foresight.serving.inference;

/** A model file could not be loaded or warmed up; the message says why. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
