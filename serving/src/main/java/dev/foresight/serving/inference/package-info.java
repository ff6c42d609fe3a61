/**
 * Running models: {@link dev.foresight.serving.inference.ModelSession} is the seam between the
 * server and a runtime, {@link dev.foresight.serving.inference.DjlOnnxModelLoader} loads ONNX
 * files through DJL's ONNX Runtime engine, and a {@link dev.foresight.serving.inference.ModelRunner}
 * takes a session's requests to it, alone or batched, as
 * {@link dev.foresight.serving.inference.RunnerFactory} decides. This package knows nothing of
 * the repository or of protocol bindings.
 */
package dev.foresight.serving.inference;
