package dev.foresight.serving.inference.graph;

/** A model cannot be prepared for the runtime; the message says why, in terms of the model's graph. */
public class GraphRewriteException extends RuntimeException {
    public GraphRewriteException(String message) {
        super(message);
    }

    public GraphRewriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
