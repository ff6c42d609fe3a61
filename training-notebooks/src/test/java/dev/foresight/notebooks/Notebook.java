package dev.foresight.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an nbformat 4 file the runner needs: its name and the source of its code cells,
 * in order. Markdown and raw cells are not executed.
 */
record Notebook(String name, String kernel, List<String> codeCells) {

    Notebook {
        codeCells = List.copyOf(codeCells);
    }

    static Notebook read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root.path("nbformat").asInt() != 4) {
            throw new IOException(file + " is not an nbformat 4 notebook");
        }
        String kernel = root.path("metadata").path("kernelspec").path("name").asText("");
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                cells.add(source(cell.path("source")));
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.ipynb$", "");
        return new Notebook(name, kernel, cells);
    }

    /** nbformat allows the source as one string or as a list of lines (each keeping its '\n'). */
    private static String source(JsonNode source) {
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
