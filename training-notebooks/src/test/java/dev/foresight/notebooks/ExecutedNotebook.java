package dev.foresight.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a copy of a notebook with what each code cell printed as its {@code stream} output and
 * its execution count, so a run's results can be opened in Jupyter.
 */
final class ExecutedNotebook {
    private ExecutedNotebook() {
    }

    static void write(Path source, List<NotebookRunner.CellRun> runs, Path target)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode root = json.readTree(source.toFile());
        Iterator<NotebookRunner.CellRun> run = runs.iterator();
        for (JsonNode cell : root.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText()) || !run.hasNext()) {
                continue;
            }
            NotebookRunner.CellRun executed = run.next();
            ObjectNode code = (ObjectNode) cell;
            code.put("execution_count", executed.cell());
            ArrayNode outputs = code.putArray("outputs");
            if (!executed.output().isEmpty()) {
                ObjectNode stream = outputs.addObject();
                stream.put("output_type", "stream");
                stream.put("name", "stdout");
                ArrayNode text = stream.putArray("text");
                executed.output().lines().forEach(line -> text.add(line + "\n"));
            }
        }
        Files.createDirectories(target.getParent());
        json.writeValue(target.toFile(), root);
    }
}
