package dev.foresight.serving.http;

import dev.foresight.serving.monitoring.MonitoringSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Input monitoring, under {@code foresight.monitoring.*} (environment
 * {@code FORESIGHT_MONITORING_ENABLED}, {@code FORESIGHT_MONITORING_WINDOW_REQUESTS}, ...).
 * See {@link MonitoringSettings} for each setting.
 *
 * @param enabled        off: no request is observed, at no cost
 * @param metricFeatures features per tensor exported one by one on /metrics; more are aggregated
 */
@ConfigurationProperties("foresight.monitoring")
public record MonitoringConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1000") @Min(1) int windowRequests,
        @Bindable(defaultValue = "10m") @NotNull Duration windowDuration,
        @Bindable(defaultValue = "10") @Min(1) int panes,
        @Bindable(defaultValue = "1000") @Min(1) int profileRequests,
        @Bindable(defaultValue = "0.01") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double alpha,
        @Bindable(defaultValue = "0.25") @DecimalMin("0") double psiThreshold,
        @Bindable(defaultValue = "100") @Min(1) int minObservations,
        @Bindable(defaultValue = "4096") @Min(1) int queueCapacity,
        @Bindable(defaultValue = "1.0") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double sampleRate,
        @Bindable(defaultValue = "16") @Min(1) int metricFeatures) {

    MonitoringSettings settings() {
        return new MonitoringSettings(windowRequests, windowDuration, panes, profileRequests, alpha, psiThreshold,
                minObservations, queueCapacity, sampleRate);
    }
}
