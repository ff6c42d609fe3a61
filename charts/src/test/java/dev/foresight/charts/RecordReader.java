package dev.foresight.charts;

import dev.foresight.autoscaler.resource.DurationText;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the autoscaler's resource records from parsed YAML the way a client would: each key to
 * the record component of the same name, durations through {@link DurationText}, timestamps as
 * RFC 3339, enums by their wire names. Anything the records reject, or a key no component has,
 * is an {@link IllegalArgumentException}.
 */
final class RecordReader {
    private RecordReader() {
    }

    static <T> T read(Object yaml, Class<T> type) {
        return type.cast(read(yaml, (Type) type, type.getSimpleName()));
    }

    /** A value of any type the records use, e.g. a schema's {@code default}. */
    static Object read(Object yaml, Type type, String path) {
        Class<?> raw = raw(type);
        if (yaml == null) {
            return null;
        }
        if (raw.isRecord()) {
            return record(Yamls.map(yaml), raw, path);
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> items = Yamls.list(yaml);
            return items.stream().map(item -> read(item, element, path + "[]")).toList();
        }
        if (raw.isEnum()) {
            return enumConstant(raw, yaml, path);
        }
        if (raw == int.class || raw == Integer.class) {
            return Math.toIntExact(integral(yaml, path));
        }
        if (raw == long.class || raw == Long.class) {
            return integral(yaml, path);
        }
        if (raw == double.class || raw == Double.class) {
            return expect(yaml, Number.class, path).doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return expect(yaml, Boolean.class, path);
        }
        if (raw == String.class) {
            return expect(yaml, String.class, path);
        }
        if (raw == Duration.class) {
            return DurationText.parse(expect(yaml, String.class, path));
        }
        if (raw == Instant.class) {
            return Instant.parse(expect(yaml, String.class, path));
        }
        throw new IllegalStateException("no mapping for " + type + " at " + path);
    }

    private static Object record(Map<String, Object> yaml, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> unknown = new HashSet<>(yaml.keySet());
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            unknown.remove(name);
            arguments[i] = read(yaml.get(name), components[i].getGenericType(), path + "." + name);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + " has no field " + unknown);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException rejected) {
                throw rejected;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalArgumentException nullForPrimitive) {
            throw new IllegalArgumentException(path + ": a required number or flag is missing", nullForPrimitive);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, Object yaml, String path) {
        try {
            return Enum.valueOf((Class) type, expect(yaml, String.class, path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": no such " + type.getSimpleName() + ": " + yaml, e);
        }
    }

    private static long integral(Object yaml, String path) {
        Number number = expect(yaml, Number.class, path);
        if (number instanceof Double || number instanceof Float) {
            throw new IllegalArgumentException(path + " must be an integer, was " + number);
        }
        return number.longValue();
    }

    private static <T> T expect(Object yaml, Class<T> type, String path) {
        if (!type.isInstance(yaml)) {
            throw new IllegalArgumentException(path + " must be a " + type.getSimpleName().toLowerCase()
                    + ", was " + yaml);
        }
        return type.cast(yaml);
    }

    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }
}
