package dev.foresight.autoscaler.resource;

/**
 * Names under which the custom resource is served by the Kubernetes API; the CRD in
 * {@code charts/foresight/crds/} declares the same ones.
 */
public final class PredictiveAutoscalerResource {
    /** API group. */
    public static final String GROUP = "foresight.dev";
    /** The one served (and stored) version. */
    public static final String VERSION = "v1alpha1";
    /** {@code apiVersion} of the objects: group/version. */
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** {@code kind} of the objects. */
    public static final String KIND = "PredictiveAutoscaler";
    /** Plural resource name, as in the URL path. */
    public static final String PLURAL = "predictiveautoscalers";
    /** Singular resource name. */
    public static final String SINGULAR = "predictiveautoscaler";
    /** Short name for {@code kubectl get pas}. */
    public static final String SHORT_NAME = "pas";

    private PredictiveAutoscalerResource() {
    }
}
