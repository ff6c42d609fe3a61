package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelLoader;
import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.inference.RunnerFactory;
import dev.foresight.serving.inference.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A model repository on a directory, laid out as Triton and TF Serving users know it:
 * {@code <root>/<model>/<version>/model.onnx}, with an optional {@code <root>/<model>/config.json}
 * ({@link ModelConfig}).
 *
 * <p>The directory is polled (which works on every volume type, network ones included). A version
 * file is loaded once it has settled ({@link FileSignature#settled}), warmed up, and only then
 * published; the versions it replaces are retired afterwards and close once their in-flight
 * requests finish. A file that fails to load is reported and remembered by its signature, so it
 * is retried only when it changes, and it never displaces a working version.
 *
 * <p>Threading: one scanning thread changes the state; requests read published, immutable
 * snapshots. {@link #close()} stops polling and retires everything.
 */
public final class DirectoryModelRepository implements ModelRepository, AutoCloseable {
    /** The file name of a model version. */
    public static final String MODEL_FILE = "model.onnx";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryModelRepository.class);

    private final Path root;
    private final ModelLoader loader;
    private final SessionSettings defaultSession;
    private final RepositoryListener listener;
    private final RunnerFactory runners;
    private final long settleMillis;
    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();
    private final java.util.Set<String> unloaded = ConcurrentHashMap.newKeySet();
    private volatile boolean scanned;
    /** A model whose files are complete by the caller's word (a load request), so taken without settling. */
    private volatile String trusted;
    private ScheduledExecutorService poller;

    /**
     * @param listener told of loads, failures and unloads
     * @param runners  makes the runner of each loaded version
     */
    public DirectoryModelRepository(Path root, ModelLoader loader, SessionSettings defaultSession,
                                    RepositoryListener listener, RunnerFactory runners, Duration settleTime) {
        this.root = root;
        this.loader = loader;
        this.defaultSession = defaultSession;
        this.listener = listener;
        this.runners = runners;
        this.settleMillis = settleTime.toMillis();
    }

    /**
     * Scans now and then every {@code interval}, on a daemon thread: the first scan (loading every
     * model) runs while the rest of the server starts; {@link #ready()} is false until it is done.
     */
    public synchronized void start(Duration interval) {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-repository-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::scanSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.error("Scanning the model repository {} failed", root, e);
        }
    }

    /** Brings what is served in line with the directory. Called by the poller; public for tests. */
    public synchronized void scan() {
        List<String> present = modelDirectories();
        for (String name : List.copyOf(models.keySet())) {
            if (!present.contains(name)) {
                ModelEntry removed = models.remove(name);
                LOG.info("Model {} was removed from the repository; unloading it", name);
                removed.publish(new TreeMap<>());
                listener.servedVersions(name, 0);
            }
        }
        // Models are independent: load them side by side (start-up with several models).
        present.parallelStream().forEach(name -> {
            ModelEntry entry = models.computeIfAbsent(name, ModelEntry::new);
            scanModel(entry, root.resolve(name));
        });
        scanned = true;
    }

    private List<String> modelDirectories() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !unloaded.contains(name))
                    .filter(name -> {
                        boolean valid = Names.isValidModelName(name);
                        if (!valid && !name.startsWith(".")) {
                            LOG.warn("Ignoring {}: not a valid model name", root.resolve(name));
                        }
                        return valid;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the model repository {}: {}", root, e.toString());
            return List.copyOf(models.keySet());
        }
    }

    private void scanModel(ModelEntry entry, Path directory) {
        ModelConfig config = readConfig(entry, directory);
        long now = System.currentTimeMillis();
        Map<Long, FileSignature> files = versionFiles(directory);
        NavigableMap<Long, ServedVersion> served = entry.served;

        NavigableSet<Long> candidates = new TreeSet<>();
        java.util.Set<Long> settledVersions = new java.util.HashSet<>();
        for (Map.Entry<Long, FileSignature> file : files.entrySet()) {
            long version = file.getKey();
            FileSignature signature = file.getValue();
            FileSignature failedSignature = entry.failedSignatures.get(version);
            if (failedSignature != null && !failedSignature.equals(signature)) {
                entry.failures.remove(version);
                entry.failedSignatures.remove(version);
                failedSignature = null;
            }
            boolean settled = entry.name.equals(trusted)
                    || signature.settled(entry.lastSeen.get(version), now, settleMillis);
            if (settled) {
                settledVersions.add(version);
            }
            if (failedSignature == null && (settled || served.containsKey(version))) {
                candidates.add(version);
            }
        }
        entry.lastSeen.keySet().retainAll(files.keySet());
        entry.lastSeen.putAll(files);
        entry.failures.keySet().removeIf(version -> version != 0 && !files.containsKey(version));
        entry.failedSignatures.keySet().retainAll(files.keySet());

        NavigableMap<Long, ServedVersion> next = new TreeMap<>();
        boolean loadFailed = false;
        while (true) {
            NavigableSet<Long> wanted = config.versionPolicy().select(candidates);
            boolean retry = false;
            for (Long version : wanted.descendingSet()) {
                if (next.containsKey(version)) {
                    continue;
                }
                FileSignature signature = files.get(version);
                ServedVersion current = served.get(version);
                boolean unchanged = current != null && (current.signature().equals(signature)
                        || !settledVersions.contains(version));
                if (unchanged) {
                    next.put(version, current);
                    continue;
                }
                Optional<ServedVersion> loaded = load(entry, directory, version, signature, config);
                if (loaded.isPresent()) {
                    next.put(version, loaded.get());
                } else {
                    candidates.remove(version);
                    loadFailed = true;
                    retry = true;
                }
            }
            if (!retry) {
                next.keySet().retainAll(wanted);
                break;
            }
        }
        if (next.isEmpty() && loadFailed && !served.isEmpty()) {
            for (Map.Entry<Long, ServedVersion> kept : served.entrySet()) {
                if (files.containsKey(kept.getKey())) {
                    next.put(kept.getKey(), kept.getValue());
                }
            }
        }
        if (!next.equals(served)) {
            LOG.info("Model {} now serves versions {} (was {})", entry.name, next.keySet(), served.keySet());
            entry.publish(next);
            listener.servedVersions(entry.name, next.size());
        }
    }

    private ModelConfig readConfig(ModelEntry entry, Path directory) {
        Path file = directory.resolve(ModelConfig.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            entry.failures.remove(0L);
            entry.config = ModelConfig.defaults(defaultSession);
            return entry.config;
        }
        try {
            String text = Files.readString(file);
            if (!text.equals(entry.configText)) {
                entry.config = ModelConfig.parse(text, defaultSession);
                entry.configText = text;
                entry.failures.remove(0L);
            }
        } catch (IOException | IllegalArgumentException e) {
            String reason = "invalid " + ModelConfig.FILE_NAME + ": " + e.getMessage();
            if (!reason.equals(entry.failures.get(0L))) {
                LOG.error("Model {}: {}; keeping the previous configuration", entry.name, reason);
                entry.failures.put(0L, reason);
                listener.loadFailed(entry.name, 0, reason);
            }
        }
        return entry.config;
    }

    private static Map<Long, FileSignature> versionFiles(Path directory) {
        Map<Long, FileSignature> files = new HashMap<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(child -> Names.parseVersion(child.getFileName().toString())
                    .ifPresent(version -> FileSignature.of(child.resolve(MODEL_FILE))
                            .ifPresent(signature -> files.put(version, signature))));
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", directory, e.toString());
        }
        return files;
    }

    private Optional<ServedVersion> load(ModelEntry entry, Path directory, long version,
                                         FileSignature signature, ModelConfig config) {
        Path file = directory.resolve(Long.toString(version)).resolve(MODEL_FILE);
        long started = System.nanoTime();
        ModelSession session = null;
        try {
            session = loader.load(file, config.session());
            Warmup.run(session);
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("Loaded {} version {} from {} in {} ms", entry.name, version, file, millis);
            listener.versionLoaded(entry.name, version, millis);
            entry.failures.remove(version);
            return Optional.of(new ServedVersion(entry.name, version, session, runners.create(entry.name, session, config.batching()),
                    signature, () -> onClosed(entry.name, version)));
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            String reason = describe(e);
            LOG.error("Model {} version {} failed to load from {}: {}", entry.name, version, file, reason);
            entry.failures.put(version, reason);
            entry.failedSignatures.put(version, signature);
            listener.loadFailed(entry.name, version, reason);
            return Optional.empty();
        }
    }

    private void onClosed(String model, long version) {
        LOG.info("Unloaded {} version {}", model, version);
        listener.versionUnloaded(model, version);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof dev.foresight.serving.inference.ModelLoadException ? message
                : "warm-up inference failed: " + message;
    }

    @Override
    public ServedVersion acquire(String model, Optional<Long> version) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            ModelEntry entry = models.get(model);
            if (entry == null) {
                throw new ModelNotFoundException("unknown model '" + model + "'");
            }
            NavigableMap<Long, ServedVersion> served = entry.served;
            ServedVersion chosen;
            if (version.isPresent()) {
                chosen = served.get(version.get());
                if (chosen == null) {
                    if (served.isEmpty() && entry.lastSeen.containsKey(version.get())) {
                        throw new ModelNotReadyException("model '" + model + "' version " + version.get()
                                + " is not ready" + entry.failureSuffix());
                    }
                    throw new ModelNotFoundException("model '" + model + "' has no version " + version.get()
                            + "; serving " + served.keySet());
                }
            } else {
                if (served.isEmpty()) {
                    throw new ModelNotReadyException("model '" + model + "' has no ready version"
                            + entry.failureSuffix());
                }
                chosen = served.lastEntry().getValue();
            }
            if (chosen.tryAcquire()) {
                return chosen;
            }
            Thread.onSpinWait();
        }
        throw new ModelNotReadyException("model '" + model + "' is being reloaded; retry");
    }

    @Override
    public synchronized ModelStatus load(String model) {
        if (!Names.isValidModelName(model) || !Files.isDirectory(root.resolve(model))) {
            throw new ModelNotFoundException("no model '" + model + "' in the repository " + root);
        }
        unloaded.remove(model);
        trusted = model;
        try {
            scan();
        } finally {
            trusted = null;
        }
        return status(model).orElseThrow(() -> new ModelNotFoundException("no model '" + model + "' in the repository"));
    }

    @Override
    public synchronized void unload(String model) {
        if (!models.containsKey(model)) {
            throw new ModelNotFoundException("model '" + model + "' is not loaded");
        }
        unloaded.add(model);
        scan();
    }

    /** The repository directory. */
    public Path root() {
        return root;
    }

    @Override
    public boolean contains(String model) {
        return models.containsKey(model);
    }

    @Override
    public Optional<ModelStatus> status(String model) {
        return Optional.ofNullable(models.get(model)).map(ModelEntry::status);
    }

    @Override
    public List<ModelStatus> status() {
        return models.values().stream().map(ModelEntry::status)
                .sorted(java.util.Comparator.comparing(ModelStatus::name)).toList();
    }

    @Override
    public boolean ready() {
        return scanned && models.values().stream().allMatch(entry -> !entry.served.isEmpty());
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        for (ModelEntry entry : models.values()) {
            entry.publish(new TreeMap<>());
        }
        models.clear();
    }

    /** Mutable per-model state, changed only by the scanning thread; {@link #served} is published. */
    private static final class ModelEntry {
        final String name;
        final Map<Long, FileSignature> lastSeen = new ConcurrentHashMap<>();
        final Map<Long, FileSignature> failedSignatures = new HashMap<>();
        final Map<Long, String> failures = new ConcurrentHashMap<>();
        volatile NavigableMap<Long, ServedVersion> served = new TreeMap<>();
        ModelConfig config;
        String configText;

        ModelEntry(String name) {
            this.name = name;
        }

        void publish(NavigableMap<Long, ServedVersion> next) {
            NavigableMap<Long, ServedVersion> previous = served;
            served = java.util.Collections.unmodifiableNavigableMap(next);
            for (Map.Entry<Long, ServedVersion> old : previous.entrySet()) {
                if (next.get(old.getKey()) != old.getValue()) {
                    old.getValue().retire();
                }
            }
        }

        String failureSuffix() {
            if (failures.isEmpty()) {
                return " yet";
            }
            StringBuilder text = new StringBuilder(": ");
            new TreeMap<>(failures).forEach((version, reason) -> text.append(version == 0 ? "" : "version " + version + " ")
                    .append(reason).append("; "));
            return text.substring(0, text.length() - 2);
        }

        ModelStatus status() {
            List<ModelStatus.VersionFailure> failed = new ArrayList<>();
            new TreeMap<>(failures).forEach((version, reason) -> failed.add(new ModelStatus.VersionFailure(version, reason)));
            return new ModelStatus(name, List.copyOf(served.keySet()), failed);
        }
    }
}
