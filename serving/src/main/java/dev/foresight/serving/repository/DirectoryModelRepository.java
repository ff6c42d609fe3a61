package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelLoader;
import dev.foresight.serving.inference.RunnerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A model repository on a directory, laid out as Triton and TF Serving users know it:
 * {@code <root>/<model>/<version>/model.onnx}, with an optional {@code <root>/<model>/config.json}
 * ({@link ModelConfig}).
 *
 * <p>The directory is polled (which works on every volume type, network ones included); each
 * model is brought in line with its folder by {@link ModelRefresh}, which loads versions through
 * {@link VersionLoader}: a version is loaded once its file has settled, warmed up, and only then
 * published; the versions it replaces close once their in-flight requests finish. A file that
 * fails to load is reported and never displaces a working version; a file during whose loads the
 * process died twice is not loaded again ({@link LoadJournal}).
 *
 * <p>Threading: one scanning thread changes the state (models load side by side on it); requests
 * read published, immutable snapshots. {@link #close()} stops polling and retires everything.
 */
public final class DirectoryModelRepository implements ModelRepository, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryModelRepository.class);
    /** How long closing waits for a scan in progress to stop. */
    private static final Duration SCAN_STOP_WAIT = Duration.ofSeconds(10);

    private final RepositorySettings settings;
    private final RepositoryDirectory directory;
    private final LoadJournal journal;
    private final ModelRefresh refresh;
    private final RepositoryListener listener;
    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();
    private volatile boolean scanned;
    /** A model whose files are complete by the caller's word (a load request), so taken without settling. */
    private volatile String trusted;
    private volatile ScheduledExecutorService poller;

    /**
     * @param listener told of loads, failures and unloads
     * @param runners  makes the runner of each loaded version
     */
    public DirectoryModelRepository(RepositorySettings settings, ModelLoader loader, RunnerFactory runners,
                                    RepositoryListener listener) {
        this.settings = settings;
        this.directory = new RepositoryDirectory(settings.root());
        this.journal = new LoadJournal(settings.stateFolder());
        Optional<LoadPause> pause = settings.pauseWhileLoading().map(model -> new LoadPause(model, settings.stateFolder()));
        this.refresh = new ModelRefresh(directory, new VersionLoader(loader, runners, listener, journal, pause),
                listener, settings.settleTime().toMillis());
        this.listener = listener;
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
            LOG.error("Scanning the model repository {} failed", directory.root(), e);
        }
    }

    /** Brings what is served in line with the directory. Called by the poller; public for tests. */
    public synchronized void scan() {
        List<String> present = directory.models().orElseGet(() -> List.copyOf(models.keySet())).stream()
                .filter(name -> !unloaded.contains(name)).toList();
        for (String name : List.copyOf(models.keySet())) {
            if (!present.contains(name)) {
                ModelEntry removed = models.remove(name);
                LOG.info("Model {} was removed from the repository; unloading it", name);
                removed.publish(new TreeMap<>());
                listener.servedVersions(name, 0);
            }
        }
        // Models are independent: load them side by side (start-up with several models).
        String trustedNow = trusted;
        present.parallelStream().forEach(name -> refresh.refresh(
                models.computeIfAbsent(name, key -> new ModelEntry(key, settings.defaultSession())),
                name.equals(trustedNow)));
        scanned = true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lock-free: a version is retired only after the map holding it was replaced, so when
     * {@link ServedVersion#tryAcquire()} fails, the next read finds its successor.
     */
    @Override
    public ServedVersion acquire(String model, Optional<Long> version) {
        while (true) {
            ModelEntry entry = models.get(model);
            if (entry == null) {
                throw new ModelNotFoundException("unknown model '" + model + "'");
            }
            ServedVersion chosen = choose(entry, entry.served(), version);
            if (chosen.tryAcquire()) {
                return chosen;
            }
        }
    }

    private static ServedVersion choose(ModelEntry entry, NavigableMap<Long, ServedVersion> served,
                                        Optional<Long> version) {
        if (version.isEmpty()) {
            if (served.isEmpty()) {
                throw new ModelNotReadyException("model '" + entry.name + "' has no ready version"
                        + entry.failureSuffix());
            }
            return served.lastEntry().getValue();
        }
        ServedVersion chosen = served.get(version.get());
        if (chosen != null) {
            return chosen;
        }
        if (served.isEmpty() && entry.lastSeen.containsKey(version.get())) {
            throw new ModelNotReadyException("model '" + entry.name + "' version " + version.get()
                    + " is not ready" + entry.failureSuffix());
        }
        throw new ModelNotFoundException("model '" + entry.name + "' has no version " + version.get()
                + "; serving " + served.keySet());
    }

    @Override
    public synchronized ModelStatus load(String model) {
        if (!Names.isValidModelName(model) || !Files.isDirectory(directory.model(model))) {
            throw new ModelNotFoundException("no model '" + model + "' in the repository " + directory.root());
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
        return directory.root();
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
        return models.values().stream().map(ModelEntry::status).sorted(Comparator.comparing(ModelStatus::name)).toList();
    }

    @Override
    public boolean ready() {
        return scanned && models.values().stream().allMatch(entry -> !entry.served().isEmpty());
    }

    /**
     * A graceful stop: clears the journal's loads in progress (a stop is no crash), stops polling
     * (interrupting a scan), and retires every version. A load that does not end within
     * {@link #SCAN_STOP_WAIT} is left behind: the process is stopping.
     */
    @Override
    public void close() {
        journal.close();
        boolean scanStopped = true;
        if (poller != null) {
            poller.shutdownNow();
            try {
                scanStopped = poller.awaitTermination(SCAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scanStopped = false;
            }
        }
        if (scanStopped) {
            synchronized (this) {
                retireAll();
            }
        } else {
            LOG.warn("A model load did not stop within {}; closing the repository without waiting for it", SCAN_STOP_WAIT);
            retireAll();
        }
    }

    private void retireAll() {
        for (ModelEntry entry : models.values()) {
            entry.publish(new TreeMap<>());
        }
        models.clear();
    }
}
