package dev.foresight.charts;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Property paths of an OpenAPI schema (keys, and index 0 for array items), and the same path
 * looked up in parsed YAML or in the Java records.
 */
final class SchemaPaths {
    /** A property path with the schema of its last step. */
    record Property(List<Object> path, Map<String, Object> schema) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Object step : path) {
                text.append(step instanceof Integer i ? "[" + i + "]" : (text.isEmpty() ? "" : ".") + step);
            }
            return text.toString();
        }

        String name() {
            return (String) path.get(path.size() - 1);
        }

        List<Object> parent() {
            return path.subList(0, path.size() - 1);
        }
    }

    private SchemaPaths() {
    }

    /** Every property below an object schema, depth first. */
    static List<Property> properties(Map<String, Object> objectSchema) {
        List<Property> found = new ArrayList<>();
        collect(objectSchema, new ArrayList<>(), found);
        return found;
    }

    private static void collect(Map<String, Object> schema, List<Object> prefix, List<Property> found) {
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(property.getKey());
                Map<String, Object> child = Yamls.map(property.getValue());
                found.add(new Property(List.copyOf(path), child));
                collect(child, path, found);
            }
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(0);
            collect(Yamls.map(items), path, found);
        }
    }

    /** The map holding the path's last key in parsed YAML. */
    static Map<String, Object> parentIn(Object yaml, Property property) {
        return Yamls.map(Yamls.at(yaml, property.parent().toArray()));
    }

    /** The value at the path in a record tree, through the record components' accessors. */
    static Object valueIn(Object record, List<Object> path) {
        Object node = record;
        for (Object step : path) {
            if (step instanceof Integer index) {
                node = ((List<?>) node).get(index);
                continue;
            }
            node = accessor(node, (String) step);
        }
        return node;
    }

    private static Object accessor(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component " + name);
    }

    /** The Java type of the record component at the path, starting from a record type. */
    static java.lang.reflect.Type typeAt(Class<?> root, List<Object> path) {
        java.lang.reflect.Type type = root;
        for (Object step : path) {
            if (step instanceof Integer) {
                type = ((java.lang.reflect.ParameterizedType) type).getActualTypeArguments()[0];
                continue;
            }
            Class<?> raw = RecordReader.raw(type);
            java.lang.reflect.Type next = null;
            for (RecordComponent component : raw.getRecordComponents()) {
                if (component.getName().equals(step)) {
                    next = component.getGenericType();
                }
            }
            if (next == null) {
                throw new IllegalArgumentException(raw.getSimpleName() + " has no component " + step);
            }
            type = next;
        }
        return type;
    }
}
