package dev.foresight.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged server jar started as its own process on a free port, with its start-up time. */
final class ManagedServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final double readyMillis;
    private final Path log;

    private ManagedServer(Process process, int port, double readyMillis, Path log) {
        this.process = process;
        this.port = port;
        this.readyMillis = readyMillis;
        this.log = log;
    }

    /** Starts {@code jar} and waits for {@code /v2/health/ready}; the time includes JVM start. */
    static ManagedServer start(Path jar, Path models, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("foresight-bench-server", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FORESIGHT_MODELS_DIR", models.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("server exited:\n" + Files.readString(log));
            }
            if (status(port, "/v2/health/ready") == 200) {
                break;
            }
            if (System.nanoTime() - started > 120e9) {
                process.destroyForcibly();
                throw new IOException("server not ready after 120 s:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
        return new ManagedServer(process, port, (System.nanoTime() - started) / 1e6, log);
    }

    static int status(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Writes an AppCDS archive of the classes a start-up on {@code models} and one request load:
     * starts the server with {@code -XX:ArchiveClassesAtExit}, waits until ready, stops it.
     */
    static void trainArchive(Path jar, Path models, Path archive, byte[] request, String path)
            throws IOException, InterruptedException {
        ManagedServer server = start(jar, models, Map.of(), List.of("-XX:ArchiveClassesAtExit=" + archive));
        if (request != null) {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port + path)
                    .toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.getOutputStream().write(request);
            connection.getResponseCode();
            connection.disconnect();
        }
        server.close();
        if (!Files.isRegularFile(archive)) {
            throw new IOException("no CDS archive written:\n" + server.log());
        }
    }

    int port() {
        return port;
    }

    double readyMillis() {
        return readyMillis;
    }

    /** CPU time the server process has used so far (user + system), from /proc, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime; USER_HZ = 100
    }

    /** CPU time the server's threads named {@code name} have used so far, from /proc, in seconds. */
    double threadCpuSeconds(String name) throws IOException {
        double total = 0;
        List<Path> tasks;
        try (var list = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            tasks = list.toList();
        }
        for (Path task : tasks) {
            try {
                if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                }
            } catch (IOException e) {
                // the thread ended between the listing and the read
            }
        }
        return total;
    }

    /** Resident set size, from /proc. */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
