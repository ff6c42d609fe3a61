package dev.foresight.serving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server jar ({@code foresight.serving.jar}) running as a separate process on a free port. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on {@code models} with extra environment variables, and waits until it is
     * live. Unless {@code FORESIGHT_STATE_DIR} is among them, the server gets a state folder of its own.
     */
    public static ServerProcess start(Path models, Map<String, String> environment) throws IOException, InterruptedException {
        return start(models, environment, List.of());
    }

    /** As {@link #start(Path, Map)}, with JVM options. */
    public static ServerProcess start(Path models, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        String jar = System.getProperty("foresight.serving.jar", "target/foresight-serving.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no server jar at " + jar + ": run mvn package first");
        }
        int port = freePort();
        Path log = Files.createTempFile("foresight-server", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FORESIGHT_MODELS_DIR", models.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("FORESIGHT_STATE_DIR", Files.createTempDirectory("foresight-state").toString());
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        server.awaitStatus("/v2/health/live", 200, 60);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + port);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Process process() {
        return process;
    }

    /** Waits until {@code path} answers {@code status}. */
    public void awaitStatus(String path, int status, int seconds) throws InterruptedException {
        Http http = new Http(url());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited:\n" + log());
            }
            try {
                if (http.get(path).statusCode() == status) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(path + " never answered " + status + ":\n" + log());
    }

    /** Resident set size of the server process, from /proc. */
    public long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /**
     * The JVM's native memory summary ({@code jcmd VM.native_memory summary}); needs
     * {@code -XX:NativeMemoryTracking=summary} among the JVM options.
     */
    public String nativeMemorySummary() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
