package dev.foresight.serving.inference;

/**
 * The runtime could not compute a result for inputs that passed the declared checks (for
 * example a value the graph cannot take, such as an index out of range). The message is the
 * runtime's own.
 */
public class InferenceFailedException extends RuntimeException {
    public InferenceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
