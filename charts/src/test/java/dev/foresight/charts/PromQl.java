package dev.foresight.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to check queries against {@link ExportedMetrics}: the metric names
 * a query selects, the label names in its selectors, and the labels it groups by.
 */
final class PromQl {
    private static final Pattern METRIC = Pattern.compile("\\b(foresight_[a-zA-Z0-9_]+)\\s*(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    /** One selector: a metric name and the label names its matchers use. */
    record Selector(String metric, Set<String> labels) {
    }

    private PromQl() {
    }

    static List<Selector> selectors(String query) {
        List<Selector> selectors = new ArrayList<>();
        Matcher m = METRIC.matcher(query);
        while (m.find()) {
            Set<String> labels = new LinkedHashSet<>();
            if (m.group(3) != null) {
                Matcher label = MATCHER.matcher(m.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
            selectors.add(new Selector(m.group(1), labels));
        }
        return selectors;
    }

    static Set<String> groupingLabels(String query) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = GROUPING.matcher(query);
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        return labels;
    }
}
