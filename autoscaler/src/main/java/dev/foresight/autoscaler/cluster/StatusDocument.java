package dev.foresight.autoscaler.cluster;

import dev.foresight.autoscaler.resource.Condition;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PredictiveAutoscalerStatus} as the JSON the CRD's status schema describes. */
public final class StatusDocument {
    private StatusDocument() {
    }

    public static Map<String, Object> of(PredictiveAutoscalerStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "currentReplicas", status.currentReplicas());
        putIfSet(out, "desiredReplicas", status.desiredReplicas());
        putIfSet(out, "forecast", status.forecast());
        putIfSet(out, "chosenModel", status.chosenModel());
        putIfSet(out, "lastScaleTime", time(status.lastScaleTime()));
        putIfSet(out, "observedGeneration", status.observedGeneration());
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (Condition c : status.conditions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.type().name());
            m.put("status", c.status().name());
            m.put("reason", c.reason());
            m.put("message", c.message());
            m.put("lastTransitionTime", time(c.lastTransitionTime()));
            conditions.add(m);
        }
        out.put("conditions", conditions);
        return out;
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void putIfSet(Map<String, Object> out, String key, Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return;
        }
        if (value != null) {
            out.put(key, value);
        }
    }
}
