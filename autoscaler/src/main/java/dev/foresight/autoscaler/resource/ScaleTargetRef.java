package dev.foresight.autoscaler.resource;

/**
 * The workload whose {@code /scale} subresource is read and patched, in the autoscaler's own
 * namespace: a Deployment or StatefulSet ({@code apps/v1}) or any custom resource that has a scale
 * subresource.
 *
 * @param apiVersion group/version of the target, e.g. {@code apps/v1}
 * @param kind       kind of the target, e.g. {@code Deployment}
 * @param name       name of the target
 */
public record ScaleTargetRef(String apiVersion, String kind, String name) {
    public ScaleTargetRef {
        Validation.requireText(apiVersion, "scaleTargetRef.apiVersion");
        Validation.requireText(kind, "scaleTargetRef.kind");
        Validation.requireText(name, "scaleTargetRef.name");
    }

    /** The API group, empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
