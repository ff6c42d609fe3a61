package dev.foresight.serving.repository;

import dev.foresight.serving.inference.SessionSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link DirectoryModelRepository} finds and loads its models.
 *
 * @param root           the repository folder, {@code <root>/<model>/<version>/model.onnx}
 * @param stateFolder    where the {@linkplain LoadJournal load journal} lives; it must survive
 *                       restarts of the process (the chart mounts an {@code emptyDir})
 * @param defaultSession ONNX Runtime settings of models whose configuration does not set them
 * @param settleTime     how long a model file must stay unchanged before it is loaded
 * @param pauseWhileLoading TEST ONLY: the name of a model whose loads stop, forever, right
 *                       after the journal has recorded them, so that a test can kill the process
 *                       in the middle of a load; empty in production (see {@link LoadPause})
 */
public record RepositorySettings(Path root, Path stateFolder, SessionSettings defaultSession, Duration settleTime,
                                 Optional<String> pauseWhileLoading) {
    public RepositorySettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(defaultSession, "defaultSession");
        Objects.requireNonNull(settleTime, "settleTime");
        Objects.requireNonNull(pauseWhileLoading, "pauseWhileLoading");
    }

    /** Settings with the default state folder, {@code <java.io.tmpdir>/foresight-state}, and no test hook. */
    public static RepositorySettings of(Path root, SessionSettings defaultSession, Duration settleTime) {
        return new RepositorySettings(root, defaultStateFolder(), defaultSession, settleTime, Optional.empty());
    }

    /** {@code <java.io.tmpdir>/foresight-state}. */
    public static Path defaultStateFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "foresight-state");
    }
}
