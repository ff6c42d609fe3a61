/**
 * Finding, loading and swapping model versions: {@link dev.foresight.serving.repository.ModelRepository}
 * is the seam, {@link dev.foresight.serving.repository.DirectoryModelRepository} the polled
 * directory of {@code <model>/<version>/model.onnx} files. Its parts: {@code RepositoryDirectory}
 * (what the folder holds), {@code ModelRefresh} (one model in line with its folder),
 * {@code VersionLoader} (load, warm up, make the runner), {@code LoadJournal} (loads during which
 * the process died), {@code LoadFailures} and {@code ModelConfigFile} (what failed, and why).
 * This package uses {@code inference} to load sessions and make their runners; nothing in
 * {@code inference} knows of it.
 */
package dev.foresight.serving.repository;
