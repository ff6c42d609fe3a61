package dev.foresight.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook of this module, headless, in the mode given by {@code
 * -Dnotebook.mode} or {@code NOTEBOOK_MODE} (quick by default). {@code -Dnotebooks=a,b} limits the
 * run to the named notebooks. Each run leaves an executed copy with its printed output in
 * {@code target/notebooks/}.
 */
class NotebooksRunTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    static Stream<Path> notebooks() throws IOException {
        Set<String> selected = Arrays.stream(System.getProperty("notebooks", "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(MODULE)) {
            List<Path> notebooks = files
                    .filter(file -> file.getFileName().toString().endsWith(".ipynb"))
                    .filter(file -> selected.isEmpty() || selected.contains(
                            file.getFileName().toString().replaceFirst("\\.ipynb$", "")))
                    .sorted()
                    .toList();
            return notebooks.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsEveryCellWithoutError(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        assertEquals("java", notebook.kernel(), "kernelspec of " + file);
        assertFalse(notebook.codeCells().isEmpty(), "no code cells in " + file);
        NotebookMode mode = NotebookMode.resolve(System.getProperties(), System.getenv());

        List<NotebookRunner.CellRun> runs =
                new NotebookRunner(NotebookRunner.testClasspath(), mode).run(notebook);

        ExecutedNotebook.write(file, runs,
                MODULE.resolve("target/notebooks").resolve(file.getFileName()));
        runs.forEach(run -> System.out.printf("%s cell %d: %d ms%n",
                notebook.name(), run.cell(), run.elapsed().toMillis()));
    }
}
