package dev.foresight.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Dockerfiles (which cannot be built here: no Docker engine) and the chart agree on the user,
 * the port and the paths the chart relies on.
 */
class ImageContractTest {
    private static final Map<String, Object> VALUES = Yamls.map(new org.yaml.snakeyaml.Yaml().load(read(
            RenderedChart.CHART.resolve("values.yaml"))));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"serving, foresight-serving.jar", "autoscaler, foresight-autoscaler.jar"})
    void imageRunsTheJarAsTheChartsUserOnTheChartsPort(String application, String jar) {
        String dockerfile = read(Path.of("..", application, "Dockerfile"));
        Object uid = Yamls.at(VALUES, "securityContext", "runAsUser");
        Object port = Yamls.at(VALUES, application, "port");

        assertTrue(dockerfile.contains("\nUSER " + uid + ":"), "USER " + uid);
        assertTrue(dockerfile.contains("\nEXPOSE " + port + "\n"), "EXPOSE " + port);
        // JVM options (e.g. the serving image's AppCDS archive) may stand between java and -jar.
        assertTrue(java.util.regex.Pattern.compile("ENTRYPOINT \\[\"java\",( \"-[^\"]+\",)* \"-jar\", \"/app/"
                + java.util.regex.Pattern.quote(jar) + "\"]").matcher(dockerfile).find(), jar);
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "JRE 17 runtime stage");
        assertTrue(dockerfile.contains(" AS build"), "multi-stage");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"serving"})
    void servingImageCarriesTheModelsWhereTheImageSourceLooks(String application) {
        String dockerfile = read(Path.of("..", application, "Dockerfile"));

        assertTrue(dockerfile.contains("COPY models/ " + Yamls.at(VALUES, "models", "image", "path") + "/"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
