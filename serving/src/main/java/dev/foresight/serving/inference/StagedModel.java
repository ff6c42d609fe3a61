package dev.foresight.serving.inference;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A rewritten model written to a folder of its own, for the runtime to load from a path: DJL
 * looks around the model file's folder, and ONNX Runtime reads a model's external data relative
 * to it, so every other file beside the original is linked in. Closing deletes the folder (the
 * links, not what they point to).
 */
final class StagedModel implements AutoCloseable {
    private final Path folder;
    private final Path file;

    private StagedModel(Path folder, Path file) {
        this.folder = folder;
        this.file = file;
    }

    /** Writes {@code model} as {@code <new folder>/<original's name>}, beside links to the original's siblings. */
    static StagedModel of(ModelProto model, Path original) throws IOException {
        Path folder = Files.createTempDirectory("foresight-model-");
        try {
            Path parent = original.toAbsolutePath().getParent();
            try (Stream<Path> siblings = Files.list(parent)) {
                for (Path sibling : siblings.toList()) {
                    if (!sibling.getFileName().equals(original.getFileName())) {
                        Files.createSymbolicLink(folder.resolve(sibling.getFileName()), sibling);
                    }
                }
            }
            Path file = folder.resolve(original.getFileName());
            try (OutputStream out = Files.newOutputStream(file)) {
                model.writeTo(out);
            }
            return new StagedModel(folder, file);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        delete(folder);
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
