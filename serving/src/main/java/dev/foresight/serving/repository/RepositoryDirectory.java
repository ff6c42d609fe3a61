package dev.foresight.serving.repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the repository folder holds: model folders with valid names, and in each the version
 * folders with a {@value #MODEL_FILE}. Listing errors are logged and read as "nothing there".
 */
final class RepositoryDirectory {
    /** The file name of a model version. */
    static final String MODEL_FILE = "model.onnx";

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryDirectory.class);

    private final Path root;

    RepositoryDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path model(String name) {
        return root.resolve(name);
    }

    Path versionFile(String model, long version) {
        return model(model).resolve(Long.toString(version)).resolve(MODEL_FILE);
    }

    /**
     * The model folders, sorted; empty when the root does not exist, or empty when it cannot be
     * listed (the caller keeps what it serves then).
     */
    Optional<List<String>> models() {
        if (!Files.isDirectory(root)) {
            return Optional.of(List.of());
        }
        try (Stream<Path> children = Files.list(root)) {
            return Optional.of(children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> {
                        boolean valid = Names.isValidModelName(name);
                        if (!valid && !name.startsWith(".")) {
                            LOG.warn("Ignoring {}: not a valid model name", root.resolve(name));
                        }
                        return valid;
                    })
                    .sorted()
                    .toList());
        } catch (IOException e) {
            LOG.warn("Cannot list the model repository {}: {}", root, e.toString());
            return Optional.empty();
        }
    }

    /** The version files of {@code model} with their signatures. */
    Map<Long, FileSignature> versions(String model) {
        Path directory = model(model);
        Map<Long, FileSignature> files = new HashMap<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(child -> Names.parseVersion(child.getFileName().toString())
                    .ifPresent(version -> FileSignature.of(child.resolve(MODEL_FILE))
                            .ifPresent(signature -> files.put(version, signature))));
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", directory, e.toString());
        }
        return files;
    }
}
