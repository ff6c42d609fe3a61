package dev.foresight.charts;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Navigation in parsed YAML (maps, lists, scalars) with messages that say where it failed. */
final class Yamls {
    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException("not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List)) {
            throw new IllegalArgumentException("not a sequence: " + node);
        }
        return (List<Object>) node;
    }

    /** The value at a path of keys (String) and indices (Integer); fails if a step is missing. */
    static Object at(Object root, Object... path) {
        Object node = root;
        for (Object step : path) {
            if (step instanceof Integer index) {
                node = list(node).get(index);
            } else {
                Map<String, Object> map = map(node);
                if (!map.containsKey(step)) {
                    throw new NoSuchElementException("no '" + step + "' in " + map.keySet());
                }
                node = map.get(step);
            }
        }
        return node;
    }

    static Map<String, Object> mapAt(Object root, Object... path) {
        return map(at(root, path));
    }

    static List<Object> listAt(Object root, Object... path) {
        return list(at(root, path));
    }

    /** The first element of a list of maps whose {@code name} is {@code name}. */
    static Map<String, Object> byName(List<Object> items, String name) {
        return items.stream().map(Yamls::map).filter(m -> name.equals(m.get("name"))).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no item named " + name + " in " + items));
    }
}
