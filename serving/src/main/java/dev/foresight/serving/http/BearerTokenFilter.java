package dev.foresight.serving.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards the repository API ({@code /v2/repository/**}) with a bearer token from
 * {@code foresight.admin.token} ({@code FORESIGHT_ADMIN_TOKEN}); without a token configured that
 * API is off (403). With {@code foresight.admin.protect-inference=true} every {@code /v2} endpoint
 * except health needs the token too. Tokens are compared in constant time (as SHA-256 digests,
 * so not even their length leaks).
 */
@ServerFilter("/v2/**")
final class BearerTokenFilter {
    private static final String PREFIX = "Bearer ";

    private final byte[] tokenDigest;
    private final boolean protectInference;

    BearerTokenFilter(@Nullable @Value("${foresight.admin.token:}") String token,
                      @Value("${foresight.admin.protect-inference:false}") boolean protectInference) {
        this.tokenDigest = token == null || token.isBlank() ? null : digest(token);
        this.protectInference = protectInference;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        boolean management = path.startsWith("/v2/repository");
        if (!management && (!protectInference || path.startsWith("/v2/health"))) {
            return null;
        }
        if (tokenDigest == null) {
            return management ? HttpResponse.status(HttpStatus.FORBIDDEN).body(new ErrorBody(
                    "the repository API is off: set FORESIGHT_ADMIN_TOKEN to enable it")) : null;
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith(PREFIX)
                || !MessageDigest.isEqual(tokenDigest, digest(authorization.substring(PREFIX.length()).trim()))) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .body(new ErrorBody("missing or wrong bearer token"));
        }
        return null;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
