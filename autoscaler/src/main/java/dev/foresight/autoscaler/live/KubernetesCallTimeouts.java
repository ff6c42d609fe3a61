package dev.foresight.autoscaler.live;

import io.kubernetes.client.openapi.ApiClient;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Bounds every Kubernetes API call. client-java's {@code ClientBuilder} leaves the read timeout at
 * zero (wait forever, for watches); this autoscaler does not watch, and a stalled API server must
 * not hold a control loop's thread forever, so the client micronaut-kubernetes creates gets a read
 * timeout and an overall call timeout ({@code foresight.kubernetes.timeout}, 10 s; the call
 * timeout is three times that). Interceptors, TLS and credentials are kept.
 */
@Singleton
public class KubernetesCallTimeouts implements BeanCreatedEventListener<ApiClient> {
    private final Duration timeout;

    public KubernetesCallTimeouts(@Value("${foresight.kubernetes.timeout:10s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public ApiClient onCreated(BeanCreatedEvent<ApiClient> event) {
        return bound(event.getBean(), timeout);
    }

    /** Sets the timeouts on {@code client}'s HTTP client and returns the client. */
    public static ApiClient bound(ApiClient client, Duration timeout) {
        client.setHttpClient(client.getHttpClient().newBuilder()
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(3))
                .build());
        return client;
    }
}
