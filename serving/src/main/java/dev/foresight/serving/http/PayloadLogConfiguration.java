package dev.foresight.serving.http;

import dev.foresight.serving.payloadlog.PayloadLogSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;

/**
 * Payload logging, under {@code foresight.payload-log.*} (environment
 * {@code FORESIGHT_PAYLOAD_LOG_URL}, ...); off while {@code url} is unset. See
 * {@link PayloadLogSettings} for each setting.
 */
@ConfigurationProperties("foresight.payload-log")
public record PayloadLogConfiguration(
        @Nullable String url,
        @Bindable(defaultValue = "1.0") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double sampleRate,
        @Bindable(defaultValue = "32") @Min(1) int batchSize,
        @Bindable(defaultValue = "1s") @NotNull Duration flushInterval,
        @Bindable(defaultValue = "1024") @Min(1) int queueCapacity,
        @Bindable(defaultValue = "5s") @NotNull Duration timeout,
        @Bindable(defaultValue = "foresight-serving") @NotBlank String source) {

    PayloadLogSettings settings() {
        return new PayloadLogSettings(URI.create(url), sampleRate, batchSize, flushInterval, queueCapacity, timeout, source);
    }
}
