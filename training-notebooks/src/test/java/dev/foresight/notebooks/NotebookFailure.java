package dev.foresight.notebooks;

/**
 * A notebook cell did not run: a snippet was rejected by the compiler, referenced something
 * undefined, or threw. The message names the notebook, the cell (1-based, counting code cells
 * only, as Jupyter's execution counts do) and the line within the cell.
 */
final class NotebookFailure extends RuntimeException {
    private final int cell;

    NotebookFailure(String notebook, int cell, int line, String snippet, String reason) {
        super(notebook + ": code cell " + cell + ", line " + line + ": " + reason
                + "\n  in: " + firstLine(snippet));
        this.cell = cell;
    }

    /** The 1-based number of the failing code cell. */
    int cell() {
        return cell;
    }

    private static String firstLine(String snippet) {
        String trimmed = snippet.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end) + " ...";
    }
}
