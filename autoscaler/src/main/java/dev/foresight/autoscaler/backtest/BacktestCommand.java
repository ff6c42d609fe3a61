package dev.foresight.autoscaler.backtest;

import dev.foresight.autoscaler.forecast.ForecastSelector.ModelScore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code backtest --trace FILE --capacity C [options]}: parses arguments, runs the
 * {@link Backtest}, prints the summary and writes the requested outputs. See the autoscaler
 * README for the options.
 */
public final class BacktestCommand {
    static final String USAGE = """
            usage: backtest --trace FILE --capacity C [options]
              --trace FILE               CSV with a header: timestamp,load (yyyy-MM-dd HH:mm:ss UTC,
                                         ISO-8601 or epoch seconds)
              --capacity C               load one ready replica serves, in the trace's unit; or
                                         pQ/D: the Q-th percentile of the trace's load divided by D
                                         (e.g. p99.5/14)
              --startup-delay D          pod startup delay (default 90s; 90, 90s, 2m or PT90S)
              --target-utilization U     target utilisation of both policies (default 0.7)
              --policies LIST            comma-separated: hpa, predictive (default both)
              --hpa-curve FROM:TO:STEP   also run the HPA at these target utilisations and compare
                                         the predictive policy with that curve at equal cost
              --quantile Q               predictive risk knob: quantile of recent peak errors used
                                         as headroom (default 0.9)
              --peak-utilization P       fraction of capacity the forecast upper bound may use
                                         (default 1.0)
              --scale-up-headroom H      widen forecast-driven scale-ups by this fraction
                                         (default 0.1)
              --max-forecast-error E     guardrail: reactive only above this recent relative error
                                         (default 0.5)
              --models LIST              candidate forecasters of the predictive policy (default
                                         holt-winters,regression,seasonal-naive,persistence)
              --interpolation MODE       linear (the brief's rule, default) or step: each value
                                         held until the next point, a stress test in which the
                                         load shows no slope before it moves
              --json OUT.json            write the summary as JSON
              --timeline OUT.csv         write time,policy,load,requested,ready,forecast per tick
              --report OUT.html          write a self-contained HTML report with charts
              --quiet                    no progress line
            """;

    private final PrintStream out;
    private final PrintStream err;

    public BacktestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code (0 ok, 1 failure, 2 usage). */
    public int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (o.help) {
            out.print(USAGE);
            return 0;
        }
        try {
            Trace trace = TraceReader.read(o.trace);
            double capacity = o.capacity(trace);
            SimulationRules rules = SimulationRules.standard(o.startupDelay, capacity)
                    .withInterpolation(o.interpolation);
            List<ScalingPolicy> reported = new ArrayList<>();
            for (String p : o.policies) {
                reported.add(switch (p) {
                    case "hpa" -> new HpaPolicy("hpa", capacity, o.targetUtilization, rules.behavior().tolerance());
                    case "predictive" -> PredictivePolicy.standard(rules, o.targetUtilization,
                            new PredictivePolicy.Settings(o.quantile, o.peakUtilization, o.scaleUpHeadroom,
                                    o.maxForecastError, o.models));
                    default -> throw new IllegalArgumentException("unknown policy: " + p);
                });
            }
            List<ScalingPolicy> curve = new ArrayList<>();
            for (double u : o.curve) {
                curve.add(HpaPolicy.atUtilization(capacity, u, rules.behavior().tolerance()));
            }
            String name = o.trace.getFileName().toString();
            long started = System.nanoTime();
            BacktestResult result;
            if (o.timeline != null) {
                try (Writer w = Files.newBufferedWriter(o.timeline, StandardCharsets.UTF_8);
                     TimelineWriter timeline = new TimelineWriter(w)) {
                    result = new Backtest(rules, o.quiet ? null : err).run(name, trace, reported, curve, timeline);
                }
            } else {
                result = new Backtest(rules, o.quiet ? null : err).run(name, trace, reported, curve, TimelineSink.NONE);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            printSummary(result, seconds);
            if (o.json != null) {
                Files.writeString(o.json, JsonReport.render(result), StandardCharsets.UTF_8);
            }
            if (o.report != null) {
                Files.writeString(o.report, HtmlReport.render(result), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("backtest: " + e);
            return 1;
        }
    }

    private void printSummary(BacktestResult r, double seconds) {
        out.printf(Locale.ROOT, "trace %s: %d ticks, capacity %.6g per replica, startup delay %ds (%.1f s)%n",
                r.traceName(), r.ticks(), r.rules().capacityPerReplica(), r.rules().startupDelay().toSeconds(),
                seconds);
        out.printf(Locale.ROOT, "%-12s %8s %12s %10s %14s %8s%n", "policy", "target", "violationMin",
                "unserved", "replicaHours", "events");
        for (PolicySummary p : r.policies()) {
            line(p);
        }
        for (PolicySummary p : r.hpaCurve()) {
            line(p);
        }
        r.equalCost().ifPresent(e -> out.printf(Locale.ROOT,
                "equal cost: at %.1f replica-hours the HPA curve has %.2f violation minutes, predictive %.2f,"
                        + " ratio %.3f%s%n", e.replicaHours(), e.hpaViolationMinutes(), e.policyViolationMinutes(),
                e.ratio(), e.withinCurve() ? "" : " (outside the curve, extrapolated)"));
        if (!r.forecast().isEmpty()) {
            out.printf(Locale.ROOT, "forecast error at the %ds horizon (sum|f-a|/sum a), point and peak:%n",
                    r.horizonSeconds());
            for (ModelScore s : r.forecast()) {
                out.printf(Locale.ROOT, "  %-15s %.4f %.4f  selected %d ticks%n", s.model(), s.pointError(),
                        s.peakError(), s.selectedSteps());
            }
            out.println("predictive decisions by rule (ticks): " + r.decisions());
        }
    }

    private void line(PolicySummary p) {
        out.printf(Locale.ROOT, "%-12s %8.2f %12.2f %10.5f %14.1f %8d%n", p.name(), p.targetUtilization(),
                p.violationMinutes(), p.unservedFraction(), p.replicaHours(), p.scaleEvents());
    }

    /** Parsed command line. */
    static final class Options {
        Path trace;
        String capacity;
        Duration startupDelay = Duration.ofSeconds(90);
        double targetUtilization = 0.7;
        List<String> policies = List.of("hpa", "predictive");
        List<Double> curve = List.of();
        double quantile = PredictivePolicy.Settings.defaults().quantile();
        double peakUtilization = PredictivePolicy.Settings.defaults().peakUtilization();
        double maxForecastError = PredictivePolicy.Settings.defaults().maxForecastError();
        double scaleUpHeadroom = PredictivePolicy.Settings.defaults().scaleUpHeadroom();
        List<String> models = PredictivePolicy.Settings.ALL_MODELS;
        Interpolation interpolation = Interpolation.LINEAR;
        Path json;
        Path timeline;
        Path report;
        boolean quiet;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--quiet" -> o.quiet = true;
                    default -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(a + " needs a value");
                            }
                            value = args[++i];
                        }
                        o.set(a, value);
                    }
                }
            }
            if (!o.help) {
                if (o.trace == null) {
                    throw new IllegalArgumentException("--trace is required");
                }
                if (o.capacity == null) {
                    throw new IllegalArgumentException("--capacity is required");
                }
            }
            return o;
        }

        private void set(String name, String value) {
            switch (name) {
                case "--trace" -> trace = Path.of(value);
                case "--capacity" -> capacity = value;
                case "--startup-delay" -> startupDelay = duration(value);
                case "--target-utilization" -> targetUtilization = fraction(name, value);
                case "--policies" -> policies = List.of(value.split(","));
                case "--hpa-curve" -> curve = range(value);
                case "--quantile" -> quantile = fraction(name, value);
                case "--peak-utilization" -> peakUtilization = fraction(name, value);
                case "--max-forecast-error" -> maxForecastError = number(name, value);
                case "--scale-up-headroom" -> scaleUpHeadroom = number(name, value);
                case "--models" -> models = List.of(value.split(","));
                case "--interpolation" -> interpolation = switch (value) {
                    case "linear" -> Interpolation.LINEAR;
                    case "step" -> Interpolation.STEP;
                    default -> throw new IllegalArgumentException("--interpolation is linear or step: " + value);
                };
                case "--json" -> json = Path.of(value);
                case "--timeline" -> timeline = Path.of(value);
                case "--report" -> report = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }

        double capacity(Trace trace) {
            String c = capacity.trim();
            if (c.startsWith("p")) {
                int slash = c.indexOf('/');
                if (slash < 0) {
                    throw new IllegalArgumentException("--capacity pQ/D needs a divisor, e.g. p99.5/14");
                }
                double q = number("--capacity", c.substring(1, slash));
                double d = number("--capacity", c.substring(slash + 1));
                if (!(q > 0 && q <= 100) || !(d > 0)) {
                    throw new IllegalArgumentException("--capacity pQ/D needs 0 < Q <= 100 and D > 0");
                }
                double value = trace.quantile(q / 100) / d;
                if (!(value > 0)) {
                    throw new IllegalArgumentException("--capacity " + c + " is zero for this trace");
                }
                return value;
            }
            double value = number("--capacity", c);
            if (!(value > 0)) {
                throw new IllegalArgumentException("--capacity must be positive");
            }
            return value;
        }

        static Duration duration(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt")) {
                    return Duration.parse(v.toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.endsWith("s")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
                }
                if (v.endsWith("m")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
                }
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unreadable duration: " + value);
            }
        }

        static double number(String name, String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: " + value);
            }
        }

        static double fraction(String name, String value) {
            double v = number(name, value);
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1]: " + value);
            }
            return v;
        }

        static List<Double> range(String value) {
            String[] parts = value.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--hpa-curve wants FROM:TO:STEP, e.g. 0.4:0.9:0.05");
            }
            double from = fraction("--hpa-curve", parts[0]);
            double to = fraction("--hpa-curve", parts[1]);
            double step = number("--hpa-curve", parts[2]);
            if (!(step > 0) || to < from) {
                throw new IllegalArgumentException("--hpa-curve wants FROM <= TO and STEP > 0");
            }
            List<Double> out = new ArrayList<>();
            for (int i = 0; from + i * step <= to + 1e-9; i++) {
                out.add(Math.round((from + i * step) * 1e6) / 1e6);
            }
            if (out.size() < 2) {
                throw new IllegalArgumentException("--hpa-curve needs at least two utilisations");
            }
            return out;
        }
    }
}
