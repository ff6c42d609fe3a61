/**
 * The {@code PredictiveAutoscaler} custom resource ({@code foresight.dev/v1alpha1}) as plain Java
 * records: what the controller reads ({@link dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec})
 * and what it writes back through the status subresource
 * ({@link dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus}).
 *
 * <p>No framework here: a client of any kind (official Kubernetes client, Jackson, a map) builds
 * these records. Optional fields may be passed as {@code null}; the compact constructors put in
 * the same defaults as the CRD's OpenAPI schema ({@code charts/foresight/crds/}) and reject what the
 * schema rejects, with a message that can go into the resource's status. The chart's tests check
 * that the CRD schema and these records name the same properties with the same types.
 *
 * <p>Enum constants are spelled exactly as on the wire ({@code Auto}, {@code ForecastOnly},
 * {@code Pods}, ...), so {@code Enum.valueOf} and default JSON binding read them as they are.
 */
package dev.foresight.autoscaler.resource;
