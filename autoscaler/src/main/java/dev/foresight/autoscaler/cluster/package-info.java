/**
 * The autoscaler's own objects in the cluster: the {@code PredictiveAutoscaler} resources it
 * lists and reports on ({@link dev.foresight.autoscaler.cluster.PredictiveAutoscalerClient}), how
 * their specs are read ({@link dev.foresight.autoscaler.cluster.SpecReader}, which turns a malformed
 * resource into a message for its status), and leader election with a {@code coordination.k8s.io}
 * Lease ({@link dev.foresight.autoscaler.cluster.LeaseLeaderElector}).
 *
 * <p>Everything here uses the official Kubernetes client ({@code io.kubernetes:client-java}) and
 * no framework; the Micronaut wiring supplies the {@code ApiClient}.
 */
package dev.foresight.autoscaler.cluster;
