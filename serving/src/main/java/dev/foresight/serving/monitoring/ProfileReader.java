package dev.foresight.serving.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code profile.json} (format {@value ReferenceProfile#FORMAT}):
 * <pre>{@code
 * {"format": "foresight.profile.v1", "description": "...",
 *  "tensors": [
 *    {"name": "user_id", "role": "input", "layout": "pooled", "transform": "none", "observations": 15539,
 *     "features": [{"name": "all", "kind": "categorical", "counts": {"12748": 208, "14911": 201}}]},
 *    {"name": "score", "role": "output", "layout": "pooled", "observations": 15539,
 *     "features": [{"name": "all", "kind": "numeric", "edges": [-0.1, 0.02, 0.9], "cdf": [0.01, 0.5, 1.0],
 *                   "missing": 0.0}]}]}
 * }</pre>
 * {@code layout} defaults to {@code pooled}, {@code transform} to {@code none}, {@code missing} to 0.
 * Unknown keys are errors, so a typo is reported rather than ignored.
 */
public final class ProfileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileReader() {
    }

    /** @throws IllegalArgumentException with the path of what is wrong, e.g. {@code tensors[0].features[0].cdf} */
    public static ReferenceProfile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a profile is a JSON object");
        }
        keys(root, "", "format", "description", "tensors");
        if (!ReferenceProfile.FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("format must be \"" + ReferenceProfile.FORMAT + "\"");
        }
        JsonNode tensors = root.path("tensors");
        if (!tensors.isArray() || tensors.isEmpty()) {
            throw new IllegalArgumentException("tensors must be a non-empty array");
        }
        List<TensorProfile> profiles = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            profiles.add(tensor(tensors.get(i), "tensors[" + i + "]"));
        }
        return new ReferenceProfile(root.path("description").asText(""), profiles);
    }

    private static TensorProfile tensor(JsonNode node, String path) {
        keys(node, path, "name", "role", "layout", "transform", "observations", "features");
        String name = text(node, path, "name");
        try {
            TensorProfile.Role role = choice(TensorProfile.Role.class, text(node, path, "role"), path + ".role");
            TensorProfile.Layout layout = choice(TensorProfile.Layout.class, node.path("layout").asText("pooled"),
                    path + ".layout");
            TensorProfile.Transform transform = choice(TensorProfile.Transform.class,
                    node.path("transform").asText("none"), path + ".transform");
            JsonNode observations = node.path("observations");
            if (!observations.canConvertToLong() || !observations.isIntegralNumber()) {
                throw new IllegalArgumentException(path + ".observations must be an integer");
            }
            JsonNode features = node.path("features");
            if (!features.isArray()) {
                throw new IllegalArgumentException(path + ".features must be an array");
            }
            List<TensorProfile.Feature> list = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                list.add(feature(features.get(i), path + ".features[" + i + "]"));
            }
            return new TensorProfile(name, role, layout, transform, observations.asLong(), list);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static TensorProfile.Feature feature(JsonNode node, String path) {
        String name = text(node, path, "name");
        String kind = text(node, path, "kind");
        try {
            if ("numeric".equals(kind)) {
                keys(node, path, "name", "kind", "edges", "cdf", "missing");
                return new TensorProfile.Feature(name, new NumericReference(numbers(node, path, "edges"),
                        numbers(node, path, "cdf"), node.path("missing").asDouble(0)));
            }
            if ("categorical".equals(kind)) {
                keys(node, path, "name", "kind", "counts");
                JsonNode counts = node.path("counts");
                if (!counts.isObject()) {
                    throw new IllegalArgumentException(path + ".counts must be an object of value: count");
                }
                Map<String, Long> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (!entry.getValue().isIntegralNumber()) {
                        throw new IllegalArgumentException(path + ".counts: the count of '" + entry.getKey()
                                + "' must be an integer");
                    }
                    map.put(entry.getKey(), entry.getValue().asLong());
                }
                return new TensorProfile.Feature(name, CategoricalReference.of(map));
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(path + ".kind must be numeric or categorical, got '" + kind + "'");
    }

    private static double[] numbers(JsonNode node, String path, String key) {
        JsonNode array = node.path(key);
        if (!array.isArray()) {
            throw new IllegalArgumentException(path + "." + key + " must be an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException(path + "." + key + "[" + i + "] must be a number");
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static String text(JsonNode node, String path, String key) {
        JsonNode value = node.path(key);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(path + (path.isEmpty() ? "" : ".") + key + " must be a non-empty string");
        }
        return value.asText();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(path + " must be one of " + allowed + ", got '" + value + "'");
        }
    }

    private static void keys(JsonNode node, String path, String... allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException((path.isEmpty() ? "the profile" : path) + " must be an object");
        }
        List<String> known = List.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + "unknown key '" + key
                        + "'; expected " + known);
            }
        }
    }
}
