package dev.foresight.autoscaler.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The service's settings ({@code foresight.*}; see {@code application.yml} for the environment
 * variables that set them).
 */
@ConfigurationProperties("foresight")
public record AutoscalerConfiguration(Prometheus prometheus, Duration syncPeriod, Duration history,
                                      String namespace, String podName, LeaderElection leaderElection,
                                      Controller controller) {

    @ConfigurationProperties("prometheus")
    public record Prometheus(String url, Duration timeout, int attempts, Duration backoff, double absurdAbove) {
    }

    @ConfigurationProperties("leader-election")
    public record LeaderElection(String lease, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    }

    @ConfigurationProperties("controller")
    public record Controller(boolean enabled, int threads) {
    }
}
