package dev.foresight.serving.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Profiles beside the model files of a repository: {@code <root>/<model>/<version>/profile.json}. */
public final class DirectoryProfileSource implements ProfileSource {
    private final Path root;

    public DirectoryProfileSource(Path root) {
        this.root = root;
    }

    @Override
    public Optional<ReferenceProfile> find(String model, long version) {
        Path file = root.resolve(model).resolve(Long.toString(version)).resolve(ReferenceProfile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProfileReader.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
