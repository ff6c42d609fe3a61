/**
 * The running service: Micronaut wiring of the plain-Java parts (configuration from
 * {@code application.yml} and the chart's environment variables, the Kubernetes {@code ApiClient}
 * from {@code micronaut-kubernetes-client}, leader election and the controller's schedule, graceful
 * shutdown) and the {@code /metrics} endpoint. {@code /health} is Micronaut management's.
 */
package dev.foresight.autoscaler.live;
