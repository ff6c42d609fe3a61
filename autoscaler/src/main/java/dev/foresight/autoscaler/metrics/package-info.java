/**
 * The autoscaler's own Prometheus metrics, per target (the name of the
 * {@code PredictiveAutoscaler}): forecast, load, reactive proposal, desired and current replicas,
 * forecast error, decisions by reason, and failed Prometheus and Kubernetes calls. The Grafana
 * dashboard in the chart reads these names. Plain Java on client_java 1.x.
 */
package dev.foresight.autoscaler.metrics;
