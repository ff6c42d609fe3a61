package dev.foresight.autoscaler.target;

import dev.foresight.autoscaler.resource.ScaleTargetRef;

/**
 * Writes Kubernetes Events about a target ({@code kubectl describe} shows them). Never throws:
 * a lost Event must not stop scaling; implementations log and count failures.
 */
public interface EventRecorder {

    /** Event type, as Kubernetes spells it. */
    enum Type { Normal, Warning }

    void record(ScaleTargetRef target, Type type, String reason, String message);

    /** Records nothing. */
    EventRecorder NONE = (target, type, reason, message) -> { };
}
