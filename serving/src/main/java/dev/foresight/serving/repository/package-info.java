/**
 * Finding, loading and swapping model versions: {@link dev.foresight.serving.repository.ModelRepository}
 * is the seam, {@link dev.foresight.serving.repository.DirectoryModelRepository} the polled
 * directory of {@code <model>/<version>/model.onnx} files.
 */
package dev.foresight.serving.repository;
