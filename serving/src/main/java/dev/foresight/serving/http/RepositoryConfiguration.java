package dev.foresight.serving.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The model repository's settings under {@code foresight.models.*}.
 *
 * @param dir          the repository directory ({@code FORESIGHT_MODELS_DIR}, default {@code ./models})
 * @param pollInterval how often it is scanned for changes ({@code FORESIGHT_MODELS_POLL_INTERVAL})
 * @param settleTime   how long a model file must stay unchanged before it is loaded
 */
@ConfigurationProperties("foresight.models")
public record RepositoryConfiguration(
        @Bindable(defaultValue = "./models") @NotBlank String dir,
        @Bindable(defaultValue = "1s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "1s") @NotNull Duration settleTime) {
}
