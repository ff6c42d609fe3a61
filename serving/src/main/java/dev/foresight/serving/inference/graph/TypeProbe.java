package dev.foresight.serving.inference.graph;

import ai.onnx.proto.OnnxMl;

import java.util.Map;
import java.util.Set;

/**
 * Asks the runtime for the element types of values of a main graph that the graph does not
 * declare and that {@link ValueTypes} cannot derive (the runtime infers every type when it
 * loads a graph). It must not run the graph or fold its constants: an integer division by a
 * constant zero would trap right there.
 */
public interface TypeProbe {

    /**
     * @param model  the model, as it will be loaded
     * @param values names of values computed in its main graph
     * @return the ONNX element type of each value the runtime could type
     * @throws GraphRewriteException when the runtime refuses the model, with its reason
     */
    Map<String, Integer> elementTypes(OnnxMl.ModelProto model, Set<String> values);
}
