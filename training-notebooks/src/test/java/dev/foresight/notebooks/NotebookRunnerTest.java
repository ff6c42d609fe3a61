package dev.foresight.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    @TempDir
    Path dir;

    private final NotebookRunner runner =
            new NotebookRunner(NotebookRunner.testClasspath(), NotebookMode.QUICK);

    @Test
    void runsCellsInOrderSharingDefinitions() throws IOException {
        List<NotebookRunner.CellRun> runs = runner.run(notebook(
                "int twice(int x) { return 2 * x; }\nvar base = 20;",
                "System.out.println(twice(base) + 2);"));

        assertEquals(2, runs.size());
        assertEquals("42", runs.get(1).output().strip());
    }

    @Test
    void skipsIjavaMagicLines() throws IOException {
        List<NotebookRunner.CellRun> runs = runner.run(notebook(
                "%maven org.tribuo:tribuo-math:4.3.2\n  %jars foo.jar\nSystem.out.println(\"ok\");"));

        assertEquals("ok", runs.get(0).output().strip());
    }

    @Test
    void seesTheModuleClasspath() throws IOException {
        List<NotebookRunner.CellRun> runs = runner.run(notebook(
                "import org.tribuo.math.la.DenseVector;",
                "System.out.println(DenseVector.createDenseVector(new double[] {3, 4}).twoNorm());"));

        assertEquals("5.0", runs.get(1).output().strip());
    }

    @Test
    void tellsCellsTheMode() throws IOException {
        List<NotebookRunner.CellRun> runs = new NotebookRunner(NotebookRunner.testClasspath(),
                NotebookMode.FULL).run(notebook("System.out.println(System.getProperty(\"notebook.mode\"));"));

        assertEquals("full", runs.get(0).output().strip());
    }

    @Test
    void failsOnCompileErrorNamingCellAndLine() throws IOException {
        Notebook notebook = notebook("int a = 1;", "int b = 2;\n\nString c = 3;");

        NotebookFailure failure = assertThrows(NotebookFailure.class, () -> runner.run(notebook));

        assertEquals(2, failure.cell());
        assertTrue(failure.getMessage().contains("code cell 2, line 3: rejected"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("incompatible types"), failure.getMessage());
    }

    @Test
    void failsOnExceptionWithItsClassAndMessage() throws IOException {
        Notebook notebook = notebook("if (true) throw new IllegalStateException(\"no data\");",
                "System.out.println(\"never\");");

        NotebookFailure failure = assertThrows(NotebookFailure.class, () -> runner.run(notebook));

        assertEquals(1, failure.cell());
        assertTrue(failure.getMessage().contains("java.lang.IllegalStateException: no data"),
                failure.getMessage());
    }

    @Test
    void failsOnUnresolvedReference() throws IOException {
        Notebook notebook = notebook("int f() { return undefinedThing(); }");

        NotebookFailure failure = assertThrows(NotebookFailure.class, () -> runner.run(notebook));

        assertTrue(failure.getMessage().contains("unresolved"), failure.getMessage());
    }

    @Test
    void failsOnIncompleteCell() throws IOException {
        Notebook notebook = notebook("for (int i = 0; i < 3; i++) {");

        assertThrows(NotebookFailure.class, () -> runner.run(notebook));
    }

    @Test
    void modeComesFromPropertyThenEnvironmentThenQuick() {
        Properties none = new Properties();
        Properties full = new Properties();
        full.setProperty("notebook.mode", "full");

        assertEquals(NotebookMode.QUICK, NotebookMode.resolve(none, Map.of()));
        assertEquals(NotebookMode.FULL, NotebookMode.resolve(none, Map.of("NOTEBOOK_MODE", "FULL")));
        assertEquals(NotebookMode.FULL, NotebookMode.resolve(full, Map.of("NOTEBOOK_MODE", "quick")));
        assertThrows(IllegalArgumentException.class,
                () -> NotebookMode.resolve(none, Map.of("NOTEBOOK_MODE", "fast")));
    }

    /** Writes a real nbformat 4 file (sources as line lists, as Jupyter saves them). */
    private Notebook notebook(String... cells) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("nbformat", 4).put("nbformat_minor", 5);
        root.putObject("metadata").putObject("kernelspec")
                .put("name", "java").put("display_name", "Java").put("language", "java");
        ArrayNode list = root.putArray("cells");
        list.addObject().put("cell_type", "markdown").putArray("source").add("# title");
        for (String cell : cells) {
            ArrayNode source = list.addObject().put("cell_type", "code").putArray("source");
            cell.lines().forEach(line -> source.add(line + "\n"));
        }
        Path file = dir.resolve("test.ipynb");
        json.writeValue(file.toFile(), root);
        return Notebook.read(file);
    }
}
