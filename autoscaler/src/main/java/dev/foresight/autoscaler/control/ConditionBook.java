package dev.foresight.autoscaler.control;

import dev.foresight.autoscaler.resource.Condition;
import dev.foresight.autoscaler.resource.ConditionStatus;
import dev.foresight.autoscaler.resource.ConditionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The conditions of one resource; keeps {@code lastTransitionTime} while a status is unchanged. */
final class ConditionBook {
    private final Map<ConditionType, Condition> conditions = new EnumMap<>(ConditionType.class);

    /** Sets a condition; returns true when its status changed (a transition). */
    boolean set(ConditionType type, ConditionStatus status, String reason, String message, Instant now) {
        Condition previous = conditions.get(type);
        boolean transition = previous == null || previous.status() != status;
        Instant since = transition ? now : previous.lastTransitionTime();
        conditions.put(type, new Condition(type, status, reason, message, since));
        return transition && previous != null;
    }

    boolean is(ConditionType type, ConditionStatus status) {
        Condition c = conditions.get(type);
        return c != null && c.status() == status;
    }

    List<Condition> all() {
        return new ArrayList<>(conditions.values());
    }
}
