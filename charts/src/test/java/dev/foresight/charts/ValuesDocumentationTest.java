package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * values.yaml is documented line by line, and the README's values table lists exactly the keys
 * documented with {@code # --} (the helm-docs convention).
 */
class ValuesDocumentationTest {
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z_][A-Za-z0-9_]*):");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Za-z0-9_.]+)` \\|");

    /** A key of values.yaml with the comment block right above it (empty when none). */
    record Key(String path, List<String> comment) {
        boolean documentedValue() {
            return !comment.isEmpty() && comment.get(0).startsWith("# --");
        }
    }

    static List<Key> keys() throws IOException {
        List<Key> keys = new ArrayList<>();
        Deque<String[]> stack = new ArrayDeque<>();
        List<String> comment = new ArrayList<>();
        for (String line : Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comment.add(trimmed);
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (key.find()) {
                int indent = key.group(1).length();
                while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= indent) {
                    stack.pop();
                }
                stack.push(new String[] {String.valueOf(indent), key.group(2)});
                List<String> path = new ArrayList<>();
                stack.descendingIterator().forEachRemaining(entry -> path.add(entry[1]));
                keys.add(new Key(String.join(".", path), List.copyOf(comment)));
            }
            comment.clear();
        }
        return keys;
    }

    @Test
    void everyKeyHasACommentUnlessItIsPartOfADocumentedValue() throws IOException {
        List<Key> keys = keys();
        List<String> documentedValues = keys.stream().filter(Key::documentedValue).map(Key::path).toList();

        List<String> undocumented = keys.stream()
                .filter(k -> k.comment().isEmpty())
                .map(Key::path)
                .filter(path -> documentedValues.stream().noneMatch(v -> path.startsWith(v + ".")))
                .toList();

        assertEquals(List.of(), undocumented);
    }

    @Test
    void readmeValuesTableListsExactlyTheDocumentedValues() throws IOException {
        Set<String> documented = new TreeSet<>();
        keys().stream().filter(Key::documentedValue).forEach(k -> documented.add(k.path()));
        Set<String> inTable = new TreeSet<>();
        boolean inValuesSection = false;
        for (String line : Files.readAllLines(RenderedChart.CHART.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                inValuesSection = line.equals("## Values");
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (inValuesSection && row.find()) {
                inTable.add(row.group(1));
            }
        }

        assertEquals(documented, inTable);
    }
}
