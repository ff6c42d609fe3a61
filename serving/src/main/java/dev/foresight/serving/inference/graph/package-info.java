/**
 * Preparing ONNX graphs for ONNX Runtime at load time, one pipeline
 * ({@link dev.foresight.serving.inference.graph.GraphRewriter}) of rewrites: optional inputs made
 * feedable, unsigned inputs fed as signed ones and cast back, and every integer {@code Div} and
 * {@code Mod} guarded so that no request and no constant can make the runtime trap (a native
 * fault that would kill the whole process). Pure work on the ONNX protobuf classes; the runtime
 * is reached only through {@link dev.foresight.serving.inference.graph.TypeProbe}.
 */
package dev.foresight.serving.inference.graph;
