package dev.foresight.serving.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The server's settings under {@code foresight.*} (environment: {@code FORESIGHT_THREADS}, ...);
 * the model repository's are in {@link RepositoryConfiguration}.
 *
 * @param threads       inference threads (0: one per available core)
 * @param queueCapacity requests that may wait for an inference thread before 429
 * @param intraOpThreads ONNX Runtime intra-op threads per session (models may override)
 * @param interOpThreads ONNX Runtime inter-op threads per session (models may override)
 * @param optimizationLevel ONNX Runtime graph optimisation level (models may override)
 * @param stateDir      where the server keeps what must survive its restarts (the journal of
 *                      loads in progress; {@code FORESIGHT_STATE_DIR}); blank: a folder under the
 *                      system's temporary folder
 */
@ConfigurationProperties("foresight")
public record ServingConfiguration(
        @Bindable(defaultValue = "0") @Min(0) int threads,
        @Bindable(defaultValue = "128") @Min(1) int queueCapacity,
        @Bindable(defaultValue = "1") @Min(1) int intraOpThreads,
        @Bindable(defaultValue = "1") @Min(1) int interOpThreads,
        @Bindable(defaultValue = "ALL_OPT") @NotBlank String optimizationLevel,
        @Bindable(defaultValue = "") String stateDir) {

    /** Inference threads to start. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
