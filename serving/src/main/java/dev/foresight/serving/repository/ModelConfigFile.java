package dev.foresight.serving.repository;

import dev.foresight.serving.inference.SessionSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model's {@code config.json} as last read: the configuration in force and, when the file on
 * disk could not be taken, why. An invalid file keeps the previous configuration (the defaults
 * at first); a removed file brings the defaults back. Read by the scanning thread only; the error
 * is also read by status calls.
 */
final class ModelConfigFile {
    private final SessionSettings defaultSession;
    private ModelConfig config;
    private String text;
    private volatile String error;

    ModelConfigFile(SessionSettings defaultSession) {
        this.defaultSession = defaultSession;
        this.config = ModelConfig.defaults(defaultSession);
    }

    /**
     * Reads the file in {@code modelDirectory} if it changed.
     *
     * @param onNewError told of an error the first time it is seen
     * @return the configuration in force
     */
    ModelConfig read(Path modelDirectory, Consumer<String> onNewError) {
        Path file = modelDirectory.resolve(ModelConfig.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            config = ModelConfig.defaults(defaultSession);
            text = null;
            error = null;
            return config;
        }
        try {
            String current = Files.readString(file);
            if (!current.equals(text)) {
                config = ModelConfig.parse(current, defaultSession);
                text = current;
                error = null;
            }
        } catch (IOException | IllegalArgumentException e) {
            String reason = "invalid " + ModelConfig.FILE_NAME + ": " + e.getMessage();
            if (!reason.equals(error)) {
                error = reason;
                onNewError.accept(reason);
            }
        }
        return config;
    }

    /** Why the file on disk is not in force, or empty. */
    Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
