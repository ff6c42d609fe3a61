package dev.foresight.autoscaler.resource;

/**
 * Where the workload's load comes from and how much of it one replica carries.
 *
 * @param query            PromQL evaluated against Prometheus; must yield one number (a scalar or a
 *                         one-element vector), the total load of the workload, e.g.
 *                         {@code sum(rate(foresight_inference_requests_total{namespace="ml"}[2m]))}
 * @param targetPerReplica load one ready replica carries at full utilisation, in the query's unit
 *                         (for the query above: requests per second); strictly positive
 */
public record MetricSpec(String query, double targetPerReplica) {
    public MetricSpec {
        Validation.requireText(query, "metric.query");
        if (!(targetPerReplica > 0) || Double.isInfinite(targetPerReplica)) {
            throw new IllegalArgumentException(
                    "metric.targetPerReplica must be a finite number > 0, was " + targetPerReplica);
        }
    }
}
