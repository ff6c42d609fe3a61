package dev.foresight.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a notebook's code cells in order in one JShell, the way a Java Jupyter kernel (IJava,
 * JJava) would, and stops at the first failure.
 *
 * <p>Execution is local: snippets run in this JVM (JShell's {@code local} engine), so they see
 * the classpath given to the constructor, the system properties set here and the working
 * directory of the test. Lines starting with {@code %} are IJava magics ({@code %maven ...},
 * {@code %jars ...}) and are skipped: this module's dependencies stand in for them. What a cell
 * prints on {@code System.out}/{@code System.err} is echoed and kept for the cell's outputs.
 *
 * <p>Not thread-safe: it swaps {@code System.out} and {@code System.err} while a cell runs.
 */
final class NotebookRunner {
    private final List<String> classpath;
    private final NotebookMode mode;

    /** One executed code cell: its 1-based number, what it printed and how long it took. */
    record CellRun(int cell, String output, Duration elapsed) {
    }

    NotebookRunner(List<String> classpath, NotebookMode mode) {
        this.classpath = List.copyOf(classpath);
        this.mode = mode;
    }

    /** The classpath the tests run with (surefire's, else the JVM's). */
    static List<String> testClasspath() {
        String path = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }

    /**
     * Executes every code cell of {@code notebook}.
     *
     * @return one entry per code cell, in order
     * @throws NotebookFailure at the first snippet that is rejected, unresolved or throws
     */
    List<CellRun> run(Notebook notebook) {
        String previousMode = System.getProperty(NotebookMode.PROPERTY);
        ClassLoader previousLoader = Thread.currentThread().getContextClassLoader();
        System.setProperty(NotebookMode.PROPERTY, mode.propertyValue());
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            classpath.forEach(shell::addToClasspath);
            List<CellRun> runs = new ArrayList<>();
            for (int i = 0; i < notebook.codeCells().size(); i++) {
                runs.add(runCell(shell, notebook.name(), i + 1, notebook.codeCells().get(i)));
            }
            return runs;
        } finally {
            Thread.currentThread().setContextClassLoader(previousLoader);
            if (previousMode == null) {
                System.clearProperty(NotebookMode.PROPERTY);
            } else {
                System.setProperty(NotebookMode.PROPERTY, previousMode);
            }
        }
    }

    private CellRun runCell(JShell shell, String notebook, int cell, String source) {
        String code = withoutMagics(source);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(tee(out, captured));
        System.setErr(tee(err, captured));
        long start = System.nanoTime();
        try {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = code;
            int line = 1;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String snippet;
                switch (info.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI -> {
                        snippet = info.source();
                        String consumed = remaining.substring(0,
                                remaining.length() - info.remaining().length());
                        line += leadingBlankLines(remaining);
                        evaluate(shell, notebook, cell, line, snippet);
                        line += newlines(consumed) - leadingBlankLines(remaining);
                        remaining = info.remaining();
                    }
                    case EMPTY -> remaining = "";
                    default -> {
                        // Incomplete or unparseable: let the compiler say why.
                        line += leadingBlankLines(remaining);
                        evaluate(shell, notebook, cell, line, remaining);
                        throw new NotebookFailure(notebook, cell, line, remaining,
                                "incomplete snippet (" + info.completeness() + ")");
                    }
                }
            }
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new CellRun(cell, captured.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void evaluate(JShell shell, String notebook, int cell, int line,
            String snippet) {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.causeSnippet() != null) {
                continue; // a consequence (e.g. a redefinition), not the snippet itself
            }
            Snippet evaluated = event.snippet();
            String reason = switch (event.status()) {
                case REJECTED -> "rejected: " + shell.diagnostics(evaluated)
                        .map(diagnostic -> diagnostic.getMessage(null))
                        .collect(Collectors.joining("; "));
                case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> "unresolved: "
                        + (evaluated instanceof jdk.jshell.DeclarationSnippet declaration
                                ? shell.unresolvedDependencies(declaration)
                                        .collect(Collectors.joining(", "))
                                : evaluated.source());
                default -> event.exception() == null ? null : describe(event.exception());
            };
            if (reason != null) {
                throw new NotebookFailure(notebook, cell, line, snippet, reason);
            }
        }
    }

    private static String describe(JShellException exception) {
        if (exception instanceof EvalException thrown) {
            StringBuilder text = new StringBuilder(thrown.getExceptionClassName());
            if (thrown.getMessage() != null) {
                text.append(": ").append(thrown.getMessage());
            }
            for (StackTraceElement frame : thrown.getStackTrace()) {
                text.append("\n    at ").append(frame);
            }
            for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
                text.append("\n  caused by ").append(cause);
            }
            return text.toString();
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return "unresolved reference in " + unresolved.getSnippet().source();
        }
        return exception.toString();
    }

    /** Drops IJava line magics; keeps line numbers by leaving the lines empty. */
    static String withoutMagics(String source) {
        return source.lines()
                .map(line -> line.stripLeading().startsWith("%") ? "" : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static int newlines(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    private static int leadingBlankLines(String text) {
        int lines = 0;
        for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static PrintStream tee(PrintStream console, ByteArrayOutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                console.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                console.write(bytes, offset, length);
                copy.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                console.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
