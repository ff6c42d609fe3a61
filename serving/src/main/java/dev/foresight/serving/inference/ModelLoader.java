package dev.foresight.serving.inference;

import java.nio.file.Path;

/** Turns a model file into a {@link ModelSession}. */
public interface ModelLoader {

    /**
     * Loads {@code file}.
     *
     * @return a session the caller owns and must close
     * @throws ModelLoadException when the file is not a model this runtime can run
     */
    ModelSession load(Path file, SessionSettings settings);
}
