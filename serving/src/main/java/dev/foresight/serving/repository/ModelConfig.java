package dev.foresight.serving.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.serving.inference.BatchingSettings;
import dev.foresight.serving.inference.SessionSettings;

import java.time.Duration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional per-model configuration, {@code <model>/config.json}:
 * <pre>{@code
 * {
 *   "version_policy": {"latest": {"num_versions": 2}},   // or {"all": {}} or {"specific": {"versions": [1, 3]}}
 *   "intra_op_threads": 1,                                 // ORT threads per operator
 *   "inter_op_threads": 1,                                 // ORT threads across operators
 *   "optimization_level": "ALL_OPT",                       // NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT
 *   "max_batch_size": 32,                                  // most rows in one batched call
 *   "dynamic_batching": {                                  // present: batch concurrent requests
 *     "max_queue_delay_microseconds": 200,                 // longest wait for a batch to fill
 *     "max_queue_size": 1024                               // waiting requests before 429
 *   },
 *   "instance_count": 2                                    // batches computed at once
 * }
 * }</pre>
 * Absent keys take the server's defaults; unknown keys are an error, so a typo is reported
 * instead of silently ignored.
 */
public record ModelConfig(VersionPolicy versionPolicy, SessionSettings session, BatchingSettings batching) {
    /** The file name looked for beside the version folders. */
    public static final String FILE_NAME = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("version_policy", "intra_op_threads",
            "inter_op_threads", "optimization_level", "max_batch_size", "dynamic_batching", "instance_count");
    private static final Set<String> BATCHING_KEYS = Set.of("max_queue_delay_microseconds", "max_queue_size");

    /** Defaults for a model without a configuration file. */
    public static ModelConfig defaults(SessionSettings session) {
        return new ModelConfig(VersionPolicy.DEFAULT, session, BatchingSettings.OFF);
    }

    /**
     * Parses a configuration file's text.
     *
     * @throws IllegalArgumentException with a message naming the key that is wrong
     */
    public static ModelConfig parse(String json, SessionSettings defaults) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "', expected one of " + KEYS);
            }
        }
        VersionPolicy policy = root.has("version_policy")
                ? parsePolicy(root.get("version_policy")) : VersionPolicy.DEFAULT;
        SessionSettings session = new SessionSettings(
                intOr(root, "intra_op_threads", defaults.intraOpThreads()),
                intOr(root, "inter_op_threads", defaults.interOpThreads()),
                root.has("optimization_level") ? root.get("optimization_level").asText()
                        : defaults.optimizationLevel());
        return new ModelConfig(policy, session, parseBatching(root));
    }

    private static BatchingSettings parseBatching(JsonNode root) {
        JsonNode batching = root.get("dynamic_batching");
        int maxBatchSize = intOr(root, "max_batch_size", 0);
        int instances = intOr(root, "instance_count", 1);
        if (batching == null) {
            return new BatchingSettings(0, Duration.ZERO, 1, instances);
        }
        if (!batching.isObject()) {
            throw new IllegalArgumentException("dynamic_batching must be an object");
        }
        for (Iterator<String> names = batching.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BATCHING_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key 'dynamic_batching." + name + "', expected one of "
                        + BATCHING_KEYS);
            }
        }
        if (maxBatchSize < 2) {
            throw new IllegalArgumentException("dynamic_batching needs max_batch_size of at least 2");
        }
        return new BatchingSettings(maxBatchSize,
                Duration.ofNanos(1000L * intOr(batching, "max_queue_delay_microseconds", 200)),
                intOr(batching, "max_queue_size", 1024), instances);
    }

    private static VersionPolicy parsePolicy(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("version_policy must be one of {\"latest\": {\"num_versions\": N}},"
                    + " {\"all\": {}}, {\"specific\": {\"versions\": [..]}}");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        JsonNode body = entry.getValue();
        return switch (entry.getKey()) {
            case "latest" -> new VersionPolicy.Latest(body.has("num_versions")
                    ? requireInt(body.get("num_versions"), "version_policy.latest.num_versions") : 1);
            case "all" -> new VersionPolicy.All();
            case "specific" -> VersionPolicy.Specific.of(versions(body.get("versions")));
            default -> throw new IllegalArgumentException("unknown version_policy '" + entry.getKey()
                    + "', expected latest, all or specific");
        };
    }

    private static List<Long> versions(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("version_policy.specific.versions must be an array of positive integers");
        }
        List<Long> versions = new ArrayList<>();
        for (JsonNode version : node) {
            if (!version.canConvertToLong() || !version.isIntegralNumber()) {
                throw new IllegalArgumentException("version_policy.specific.versions: " + version + " is not an integer");
            }
            versions.add(version.asLong());
        }
        return versions;
    }

    private static int intOr(JsonNode root, String key, int fallback) {
        return root.has(key) ? requireInt(root.get(key), key) : fallback;
    }

    private static int requireInt(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(key + " must be an integer, got " + node);
        }
        return node.asInt();
    }
}
