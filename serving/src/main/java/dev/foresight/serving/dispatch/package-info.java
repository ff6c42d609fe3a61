/**
 * Inference requests from any protocol binding (HTTP today) to a served model version:
 * {@link dev.foresight.serving.dispatch.InferenceDispatcher} acquires the version from the
 * repository and runs the request on that version's runner. It sits above both
 * {@code repository} and {@code inference}, so neither imports the other's callers.
 */
package dev.foresight.serving.dispatch;
