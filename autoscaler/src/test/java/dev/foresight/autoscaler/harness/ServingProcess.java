package dev.foresight.autoscaler.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The model server, started from its jar ({@code serving/target/foresight-serving.jar}) as users
 * start it, on a free port with an empty model repository (it still counts requests, under
 * {@code model="_unknown"}).
 */
public final class ServingProcess implements AutoCloseable {
    public static final Path JAR = Path.of("../serving/target/foresight-serving.jar");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServingProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether the jar exists and is a complete archive (not one a concurrent build is writing). */
    public static boolean built() {
        if (!Files.isRegularFile(JAR)) {
            return false;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(JAR.toFile())) {
            return zip.getEntry("META-INF/MANIFEST.MF") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a private copy of the jar, so a rebuild of serving during the test cannot break it. */
    public static ServingProcess start(Path dir) throws IOException, InterruptedException {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path jar = Files.copy(JAR, dir.resolve("foresight-serving.jar"));
        int port = RealPrometheus.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("serving.log").toFile());
        builder.environment().put("FORESIGHT_MODELS_DIR", models.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        ServingProcess serving = new ServingProcess(builder.start(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (serving.get("/v2/health/live") == 200) {
                    return serving;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        serving.close();
        throw new IllegalStateException("serving did not start: " + Files.readString(dir.resolve("serving.log")));
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public int get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One inference request (to a model that may not exist: it is counted either way). */
    public int infer(String model) throws IOException, InterruptedException {
        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[1.0]}]}";
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
