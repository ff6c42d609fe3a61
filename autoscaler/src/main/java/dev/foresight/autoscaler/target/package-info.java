/**
 * The workload being scaled: the {@link dev.foresight.autoscaler.target.ScaleTarget} seam, its
 * Kubernetes strategy through the {@code /scale} subresource (Deployments, StatefulSets and any
 * custom resource that has one), and {@link dev.foresight.autoscaler.target.EventRecorder} for the
 * Events written on the target.
 *
 * <p>Failures are typed ({@link dev.foresight.autoscaler.target.ScaleTargetException.Kind}) so
 * the control loop can report them as conditions instead of crashing. Optimistic concurrency is
 * handled here: a write carries the resource version it was decided on, and a 409 is retried on
 * the freshly read state.
 */
package dev.foresight.autoscaler.target;
