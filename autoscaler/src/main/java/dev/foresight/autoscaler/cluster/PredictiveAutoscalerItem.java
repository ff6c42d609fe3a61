package dev.foresight.autoscaler.cluster;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code PredictiveAutoscaler} as listed: its identity and its raw spec (read separately so a
 * malformed one can still be reported on).
 *
 * @param name       metadata.name
 * @param uid        metadata.uid (a re-created resource gets a fresh control loop)
 * @param generation metadata.generation (changes with the spec)
 * @param spec       the spec as stored
 */
public record PredictiveAutoscalerItem(String name, String uid, long generation, JsonNode spec) {
}
