/** Prometheus metrics of the server (client_java 1.x), exposed at {@code /metrics}. */
package dev.foresight.serving.metrics;
