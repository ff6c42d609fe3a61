package dev.foresight.serving.inference;

import dev.foresight.serving.protocol.Datatype;

/**
 * ONNX Runtime's Java API cannot create input tensors of unsigned 16/32/64-bit types, so a
 * graph that declares such an input is listed and its outputs can be read, but it cannot be fed.
 */
public class UnsupportedDatatypeException extends RuntimeException {
    public UnsupportedDatatypeException(String input, Datatype datatype) {
        super("input '" + input + "': " + datatype + " inputs cannot be passed to ONNX Runtime's Java API;"
                + " declare the input as " + datatype.name().substring(1) + " and Cast it in the graph");
    }
}
