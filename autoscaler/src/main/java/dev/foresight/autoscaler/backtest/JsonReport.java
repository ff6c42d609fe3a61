package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.forecast.ForecastSelector.ModelScore;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} output: {@code policies} (name, violationMinutes, unservedFraction,
 * replicaHours, scaleEvents, ...), {@code forecast} (horizon and per-model errors), and when an
 * HPA curve ran, {@code hpaCurve} and {@code equalCost}.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(BacktestResult r) {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\n  \"trace\": ").append(string(r.traceName()));
        b.append(",\n  \"ticks\": ").append(r.ticks());
        b.append(",\n  \"rules\": {\"tickSeconds\": ").append(r.rules().tick().toSeconds())
                .append(", \"startupDelaySeconds\": ").append(r.rules().startupDelay().toSeconds())
                .append(", \"capacityPerReplica\": ").append(num(r.rules().capacityPerReplica()))
                .append(", \"tolerance\": ").append(num(r.rules().behavior().tolerance()))
                .append(", \"scaleDownStabilizationSeconds\": ")
                .append(r.rules().behavior().scaleDownStabilization().toSeconds()).append('}');
        b.append(",\n  \"policies\": ");
        policies(b, r.policies());
        if (!r.hpaCurve().isEmpty()) {
            b.append(",\n  \"hpaCurve\": ");
            policies(b, r.hpaCurve());
        }
        r.equalCost().ifPresent(e -> b.append(",\n  \"equalCost\": {\"replicaHours\": ").append(num(e.replicaHours()))
                .append(", \"hpaViolationMinutes\": ").append(num(e.hpaViolationMinutes()))
                .append(", \"predictiveViolationMinutes\": ").append(num(e.policyViolationMinutes()))
                .append(", \"ratio\": ").append(num(e.ratio()))
                .append(", \"withinCurve\": ").append(e.withinCurve()).append('}'));
        b.append(",\n  \"forecast\": {\"horizonSeconds\": ").append(r.horizonSeconds())
                .append(", \"errorMetric\": \"sum|forecast-actual|/sum(actual)\", \"models\": [");
        List<ModelScore> scores = r.forecast();
        for (int i = 0; i < scores.size(); i++) {
            ModelScore s = scores.get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"model\": ").append(string(s.model()))
                    .append(", \"pointError\": ").append(num(s.pointError()))
                    .append(", \"peakError\": ").append(num(s.peakError()))
                    .append(", \"selectedTicks\": ").append(s.selectedSteps()).append('}');
        }
        b.append(scores.isEmpty() ? "]" : "\n  ]");
        b.append(", \"decisions\": {");
        boolean first = true;
        for (var e : r.decisions().entrySet()) {
            b.append(first ? "" : ", ").append(string(e.getKey().name())).append(": ").append(e.getValue());
            first = false;
        }
        b.append("}}");
        b.append("\n}\n");
        return b.toString();
    }

    private static void policies(StringBuilder b, List<PolicySummary> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            PolicySummary p = list.get(i);
            b.append(i == 0 ? "\n    " : ",\n    ")
                    .append("{\"name\": ").append(string(p.name()))
                    .append(", \"targetUtilization\": ").append(num(p.targetUtilization()))
                    .append(", \"violationMinutes\": ").append(num(p.violationMinutes()))
                    .append(", \"unservedFraction\": ").append(num(p.unservedFraction()))
                    .append(", \"replicaHours\": ").append(num(p.replicaHours()))
                    .append(", \"scaleEvents\": ").append(p.scaleEvents()).append('}');
        }
        b.append("\n  ]");
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
