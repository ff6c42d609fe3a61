package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.forecast.ForecastSelector.ModelScore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --report} output: one self-contained HTML file (inline SVG and CSS, no scripts, no
 * network) with the summary table, load against ready capacity and requested replicas per
 * policy, forecast against actual, and the HPA cost/violation curve when it ran.
 */
final class HtmlReport {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 220;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"};

    private HtmlReport() {
    }

    static String render(BacktestResult r) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Foresight backtest: ").append(escape(r.traceName())).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1060px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f4f4f4}svg{background:#fcfcfc;border:1px solid #ddd}")
                .append(".legend span{margin-right:1.2em}</style></head><body>\n");
        double tickSeconds = r.rules().tick().toMillis() / 1000.0;
        double end = r.startEpoch() + (r.ticks() - 1) * tickSeconds;
        b.append("<h1>Backtest of ").append(escape(r.traceName())).append("</h1>\n<p>")
                .append(r.ticks()).append(" ticks of ").append((long) tickSeconds).append(" s from ")
                .append(Instant.ofEpochSecond((long) r.startEpoch())).append(" to ")
                .append(Instant.ofEpochSecond((long) end)).append("; capacity ")
                .append(fmt(r.rules().capacityPerReplica())).append(" per ready replica; startup delay ")
                .append(r.rules().startupDelay().toSeconds()).append(" s.</p>\n");

        b.append("<h2>Summary</h2>\n<table><tr><th>policy</th><th>target utilisation</th>")
                .append("<th>violation minutes</th><th>unserved fraction</th><th>replica-hours</th>")
                .append("<th>scale events</th></tr>\n");
        for (PolicySummary p : r.policies()) {
            row(b, p);
        }
        b.append("</table>\n");
        r.equalCost().ifPresent(e -> b.append("<p>At equal cost (").append(fmt(e.replicaHours()))
                .append(" replica-hours) the HPA curve has ").append(fmt(e.hpaViolationMinutes()))
                .append(" violation minutes; predictive has ").append(fmt(e.policyViolationMinutes()))
                .append(": ratio <b>").append(fmt(e.ratio())).append("</b>")
                .append(e.withinCurve() ? "" : " (outside the curve: extrapolated)").append(".</p>\n"));

        double[] load = r.charts().load();
        double capacity = r.rules().capacityPerReplica();
        for (int i = 0; i < r.charts().names().size(); i++) {
            String name = r.charts().names().get(i);
            double[] ready = scale(r.charts().ready().get(i), capacity);
            double[] requested = scale(r.charts().requested().get(i), capacity);
            b.append("<h2>").append(escape(name)).append(": load, ready capacity and requested replicas</h2>\n");
            chart(b, r, List.of(load, ready, requested), List.of("load (max per bucket)",
                    "ready capacity = ready x C (min)", "requested replicas x C (max)"),
                    new String[] {"#333333", "#2ca02c", "#1f77b4"});
        }
        BacktestResult.Zoom zoom = r.charts().zoom();
        if (zoom.load().length > 1) {
            double from = r.startEpoch() + r.charts().zoomFirstTick() * tickSeconds;
            double to = from + (zoom.load().length - 1) * tickSeconds;
            b.append("<h2>Around the highest load, every tick</h2>\n");
            for (int i = 0; i < r.charts().names().size(); i++) {
                b.append("<h3>").append(escape(r.charts().names().get(i))).append("</h3>\n");
                chart(b, from, to, List.of(zoom.load(), scale(zoom.ready().get(i), capacity),
                        scale(zoom.requested().get(i), capacity)), List.of("load", "ready capacity",
                        "requested replicas x C"), new String[] {"#333333", "#2ca02c", "#1f77b4"});
            }
            if (!r.forecast().isEmpty()) {
                b.append("<h3>forecast vs actual</h3>\n");
                chart(b, from, to, List.of(zoom.load(), zoom.forecast(), zoom.upper()),
                        List.of("actual load", "forecast made one horizon earlier", "upper bound provisioned for"),
                        new String[] {"#333333", "#ff7f0e", "#9467bd"});
            }
        }
        if (!r.forecast().isEmpty()) {
            b.append("<h2>Forecast vs actual (horizon ").append(r.horizonSeconds()).append(" s)</h2>\n");
            chart(b, r, List.of(load, r.charts().forecast(), r.charts().upper()),
                    List.of("actual load", "forecast made one horizon earlier", "upper bound provisioned for"),
                    new String[] {"#333333", "#ff7f0e", "#9467bd"});
            b.append("<table><tr><th>model</th><th>error at horizon</th><th>error of peak over horizon</th>")
                    .append("<th>ticks selected</th></tr>\n");
            for (ModelScore s : r.forecast()) {
                b.append("<tr><td style=\"text-align:left\">").append(escape(s.model())).append("</td><td>")
                        .append(fmt(s.pointError())).append("</td><td>").append(fmt(s.peakError()))
                        .append("</td><td>").append(s.selectedSteps()).append("</td></tr>\n");
            }
            b.append("</table><p>Errors are sum |forecast - actual| / sum actual. Predictive decisions by rule")
                    .append(" (ticks): ").append(escape(r.decisions().toString())).append(".</p>\n");
        }
        if (!r.hpaCurve().isEmpty()) {
            b.append("<h2>HPA cost/violation curve</h2>\n");
            curve(b, r);
            b.append("<table><tr><th>policy</th><th>target utilisation</th><th>violation minutes</th>")
                    .append("<th>unserved fraction</th><th>replica-hours</th><th>scale events</th></tr>\n");
            for (PolicySummary p : r.hpaCurve()) {
                row(b, p);
            }
            b.append("</table>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, PolicySummary p) {
        b.append("<tr><td style=\"text-align:left\">").append(escape(p.name())).append("</td><td>")
                .append(fmt(p.targetUtilization())).append("</td><td>").append(fmt(p.violationMinutes()))
                .append("</td><td>").append(fmt(p.unservedFraction())).append("</td><td>")
                .append(fmt(p.replicaHours())).append("</td><td>").append(p.scaleEvents()).append("</td></tr>\n");
    }

    private static double[] scale(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    private static void chart(StringBuilder b, BacktestResult r, List<double[]> series, List<String> labels,
                              String[] colours) {
        double tickSeconds = r.rules().tick().toMillis() / 1000.0;
        chart(b, r.startEpoch(), r.startEpoch() + (r.ticks() - 1) * tickSeconds, series, labels, colours);
    }

    private static void chart(StringBuilder b, double from, double to, List<double[]> series,
                              List<String> labels, String[] colours) {
        double max = 0;
        int n = 0;
        for (double[] s : series) {
            n = Math.max(n, s.length);
            for (double v : s) {
                if (v > max) {
                    max = v;
                }
            }
        }
        max = max > 0 ? max * 1.05 : 1;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH + 60).append("\" height=\"")
                .append(HEIGHT + 30).append("\" viewBox=\"0 0 ").append(WIDTH + 60).append(' ')
                .append(HEIGHT + 30).append("\">\n");
        axes(b, from, to, max);
        for (int k = 0; k < series.size(); k++) {
            double[] s = series.get(k);
            b.append("<polyline fill=\"none\" stroke-width=\"1\" stroke=\"").append(colours[k]).append("\" points=\"");
            for (int i = 0; i < s.length; i++) {
                if (Double.isNaN(s[i])) {
                    continue;
                }
                double x = 50 + (n > 1 ? (double) i / (n - 1) : 0) * WIDTH;
                double y = 5 + HEIGHT - s[i] / max * HEIGHT;
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append("\"/>\n");
        }
        b.append("</svg>\n<div class=\"legend\">");
        for (int k = 0; k < labels.size(); k++) {
            b.append("<span style=\"color:").append(colours[k]).append("\">&#9632; ")
                    .append(escape(labels.get(k))).append("</span>");
        }
        b.append("</div>\n");
    }

    private static void axes(StringBuilder b, double from, double end, double max) {
        b.append("<line x1=\"50\" y1=\"").append(HEIGHT + 5).append("\" x2=\"").append(WIDTH + 50)
                .append("\" y2=\"").append(HEIGHT + 5).append("\" stroke=\"#999\"/>\n")
                .append("<line x1=\"50\" y1=\"5\" x2=\"50\" y2=\"").append(HEIGHT + 5).append("\" stroke=\"#999\"/>\n")
                .append("<text x=\"46\" y=\"14\" font-size=\"10\" text-anchor=\"end\">").append(fmt(max))
                .append("</text><text x=\"46\" y=\"").append(HEIGHT + 5)
                .append("\" font-size=\"10\" text-anchor=\"end\">0</text>\n")
                .append("<text x=\"50\" y=\"").append(HEIGHT + 22).append("\" font-size=\"10\">")
                .append(Instant.ofEpochSecond((long) from)).append("</text>")
                .append("<text x=\"").append(WIDTH + 50).append("\" y=\"").append(HEIGHT + 22)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Instant.ofEpochSecond((long) end))
                .append("</text>\n");
    }

    private static void curve(StringBuilder b, BacktestResult r) {
        double maxX = 0;
        double maxY = 0;
        double minX = Double.MAX_VALUE;
        for (PolicySummary p : r.hpaCurve()) {
            maxX = Math.max(maxX, p.replicaHours());
            minX = Math.min(minX, p.replicaHours());
            maxY = Math.max(maxY, p.violationMinutes());
        }
        for (PolicySummary p : r.policies()) {
            maxX = Math.max(maxX, p.replicaHours());
            minX = Math.min(minX, p.replicaHours());
            maxY = Math.max(maxY, p.violationMinutes());
        }
        double spanX = Math.max(1e-9, (maxX - minX) * 1.1);
        double x0 = minX - (maxX - minX) * 0.05;
        maxY = maxY > 0 ? maxY * 1.1 : 1;
        int w = 600;
        int h = 300;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w + 80).append("\" height=\"")
                .append(h + 40).append("\">\n<polyline fill=\"none\" stroke=\"#d62728\" points=\"");
        List<PolicySummary> sorted = r.hpaCurve().stream()
                .sorted(java.util.Comparator.comparingDouble(PolicySummary::replicaHours)).toList();
        for (PolicySummary p : sorted) {
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", 60 + (p.replicaHours() - x0) / spanX * w,
                    10 + h - p.violationMinutes() / maxY * h));
        }
        b.append("\"/>\n");
        int c = 0;
        for (PolicySummary p : r.policies()) {
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>",
                    60 + (p.replicaHours() - x0) / spanX * w, 10 + h - p.violationMinutes() / maxY * h,
                    COLOURS[(c++ + 1) % COLOURS.length]));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>\n",
                    68 + (p.replicaHours() - x0) / spanX * w, 6 + h - p.violationMinutes() / maxY * h,
                    escape(p.name())));
        }
        b.append("<text x=\"60\" y=\"").append(h + 32).append("\" font-size=\"11\">replica-hours (")
                .append(fmt(x0)).append(" to ").append(fmt(x0 + spanX)).append(")</text>")
                .append("<text x=\"4\" y=\"12\" font-size=\"11\">violation min (max ").append(fmt(maxY))
                .append(")</text>\n</svg>\n<div class=\"legend\"><span style=\"color:#d62728\">&#9632; ")
                .append("HPA at target utilisations ").append(fmt(sorted.get(sorted.size() - 1).targetUtilization()))
                .append(" (left) to ").append(fmt(sorted.get(0).targetUtilization())).append(" (right)</span></div>\n");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
