/**
 * Running models: {@link dev.foresight.serving.inference.ModelSession} is the seam between the
 * server and a runtime; {@link dev.foresight.serving.inference.DjlOnnxModelLoader} loads ONNX
 * files through DJL's ONNX Runtime engine.
 */
package dev.foresight.serving.inference;
