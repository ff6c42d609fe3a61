package dev.foresight.serving.http;

import dev.foresight.serving.testing.Http;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest
@Property(name = "foresight.models.dir", value = "target/no-models-here")
class RepositoryApiOffTest {
    @Inject
    EmbeddedServer server;

    @org.junit.jupiter.api.BeforeEach
    void awaitStartup() {
        new Http(server.getURL()).await("/v2/health/ready");
    }

    @Test
    void repositoryApiIsOffWithoutAToken() {
        Http http = new Http(server.getURL());
        assertEquals(403, http.post("/v2/repository/index", "").statusCode());
        assertEquals(403, http.post("/v2/repository/models/x/load", "", "anything").statusCode());
        assertEquals(200, http.get("/v2/health/ready").statusCode());
    }
}
