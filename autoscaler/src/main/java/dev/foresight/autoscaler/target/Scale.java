package dev.foresight.autoscaler.target;

/**
 * What the target's {@code /scale} subresource says.
 *
 * @param specReplicas    replicas requested ({@code spec.replicas})
 * @param statusReplicas  replicas that exist ({@code status.replicas}; equal to spec when absent)
 * @param resourceVersion version of the object, carried by a write for optimistic concurrency
 */
public record Scale(int specReplicas, int statusReplicas, String resourceVersion) {
}
