package dev.foresight.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a parsed YAML value against a CRD's structural OpenAPI v3 schema, covering the
 * keywords our CRD uses: type, format (int32/int64 ranges), required, properties (unknown fields
 * are errors: the API server would silently prune them), items, enum, minimum and maximum with
 * their exclusive flags, minLength and pattern. CEL rules ({@code x-kubernetes-validations}) are
 * not evaluated here.
 */
final class OpenApiSchema {
    private OpenApiSchema() {
    }

    /** Every violation, each prefixed with its path; empty when the value is valid. */
    static List<String> violations(Object value, Map<String, Object> schema) {
        List<String> violations = new ArrayList<>();
        check(value, schema, "", violations);
        return violations;
    }

    private static void check(Object value, Map<String, Object> schema, String path, List<String> out) {
        String type = (String) schema.get("type");
        if (!hasType(value, type)) {
            out.add(path + ": expected " + type + ", was " + value);
            return;
        }
        if (schema.containsKey("enum") && !Yamls.list(schema.get("enum")).contains(value)) {
            out.add(path + ": " + value + " not in " + schema.get("enum"));
        }
        switch (type) {
            case "object" -> checkObject(Yamls.map(value), schema, path, out);
            case "array" -> {
                List<Object> items = Yamls.list(value);
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), Yamls.map(schema.get("items")), path + "[" + i + "]", out);
                }
            }
            case "integer", "number" -> checkNumber(((Number) value).doubleValue(), schema, path, out);
            case "string" -> checkString((String) value, schema, path, out);
            default -> {
            }
        }
    }

    private static void checkObject(Map<String, Object> value, Map<String, Object> schema, String path,
                                    List<String> out) {
        if (schema.containsKey("required")) {
            for (Object required : Yamls.list(schema.get("required"))) {
                if (!value.containsKey(required)) {
                    out.add(path + "." + required + ": required");
                }
            }
        }
        if (!schema.containsKey("properties")) {
            return;
        }
        Map<String, Object> properties = Yamls.map(schema.get("properties"));
        for (Map.Entry<String, Object> field : value.entrySet()) {
            if (!properties.containsKey(field.getKey())) {
                out.add(path + "." + field.getKey() + ": unknown field (the API server would drop it)");
            } else {
                check(field.getValue(), Yamls.map(properties.get(field.getKey())), path + "." + field.getKey(), out);
            }
        }
    }

    private static void checkNumber(double value, Map<String, Object> schema, String path, List<String> out) {
        if (schema.get("minimum") instanceof Number minimum) {
            boolean exclusive = Boolean.TRUE.equals(schema.get("exclusiveMinimum"));
            if (exclusive ? value <= minimum.doubleValue() : value < minimum.doubleValue()) {
                out.add(path + ": " + value + " below " + (exclusive ? "or at " : "") + "minimum " + minimum);
            }
        }
        if (schema.get("maximum") instanceof Number maximum) {
            boolean exclusive = Boolean.TRUE.equals(schema.get("exclusiveMaximum"));
            if (exclusive ? value >= maximum.doubleValue() : value > maximum.doubleValue()) {
                out.add(path + ": " + value + " above " + (exclusive ? "or at " : "") + "maximum " + maximum);
            }
        }
        if ("int32".equals(schema.get("format")) && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            out.add(path + ": " + value + " does not fit int32");
        }
    }

    private static void checkString(String value, Map<String, Object> schema, String path, List<String> out) {
        if (schema.get("minLength") instanceof Number minLength && value.length() < minLength.intValue()) {
            out.add(path + ": shorter than " + minLength);
        }
        if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(value).find()) {
            out.add(path + ": '" + value + "' does not match " + pattern);
        }
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            default -> throw new IllegalArgumentException("unknown schema type " + type);
        };
    }
}
