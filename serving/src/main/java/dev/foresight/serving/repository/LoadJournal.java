package dev.foresight.serving.repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Remembers, across process deaths, which model files were being loaded: a crash inside the
 * runtime while loading a file (a native fault the JVM cannot catch) must not turn into a crash
 * loop when the server restarts on the same files.
 *
 * <p>Before a load, an entry for the file (its path, size, modification time, and the deaths
 * already seen during its loads) is written to the state folder; after the load, failed or not, it
 * is removed. Entries still there when the server starts are loads during which the process died.
 * A file whose load saw the process die twice in a row, unchanged, is {@linkplain #condemned
 * condemned}: it is not loaded again until it changes. One death alone (an unrelated kill, an
 * out-of-memory kill) condemns nothing. A graceful stop ({@link #close()}) removes the entries of
 * loads still in progress, so a stop during a load is not counted as a death.
 *
 * <p>An entry is a small file named after a hash of the model file's path, written beside and
 * moved in, so that a death while writing leaves the previous entry or none. Thread-safe: models
 * load in parallel.
 */
final class LoadJournal implements AutoCloseable {
    /** Deaths during loads of an unchanged file after which it is no longer loaded. */
    static final int DEATHS_TO_CONDEMN = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LoadJournal.class);

    private record Entry(FileSignature signature, int deaths) {
    }

    private final Path folder;
    /** Loads that were in progress when an earlier process died, by model file. */
    private final Map<Path, Entry> leftover = new ConcurrentHashMap<>();
    private final Set<Path> inProgress = ConcurrentHashMap.newKeySet();

    /** Opens (creating it if needed) the journal in {@code folder} and reads what an earlier process left. */
    LoadJournal(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state folder " + folder + ": " + e.getMessage(), e);
        }
        leftover.putAll(readEntries());
        leftover.forEach((file, entry) -> LOG.warn("The server stopped while loading {} ({} time(s) in a row)",
                file, entry.deaths()));
    }

    /** Whether {@code file}, unchanged, was being loaded when the process died twice in a row. */
    boolean condemned(Path file, FileSignature signature) {
        Entry entry = leftover.get(file);
        return entry != null && entry.signature().equals(signature) && entry.deaths() >= DEATHS_TO_CONDEMN;
    }

    /** Records that {@code file} is about to load; call {@link #loaded} after, whatever the outcome. */
    void loading(Path file, FileSignature signature) {
        Entry earlier = leftover.get(file);
        int deaths = earlier != null && earlier.signature().equals(signature) ? earlier.deaths() : 0;
        inProgress.add(file);
        write(file, new Entry(signature, deaths));
    }

    /** The load of {@code file} is over (loaded or failed): the process survived it. */
    void loaded(Path file) {
        leftover.remove(file);
        inProgress.remove(file);
        delete(file);
    }

    /** Forgets a file that is gone from the repository. */
    void forget(Path file) {
        if (leftover.remove(file) != null) {
            delete(file);
        }
    }

    /** A graceful stop: loads still in progress were not ended by a death. */
    @Override
    public void close() {
        for (Path file : Set.copyOf(inProgress)) {
            loaded(file);
        }
    }

    private Map<Path, Entry> readEntries() {
        Map<Path, Entry> entries = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path entryFile : files.filter(f -> f.getFileName().toString().endsWith(".loading")).toList()) {
                try {
                    String[] fields = Files.readString(entryFile, StandardCharsets.UTF_8).split(" ", 4);
                    entries.put(Path.of(fields[3].strip()), new Entry(
                            new FileSignature(Long.parseLong(fields[1]), Long.parseLong(fields[2])),
                            Integer.parseInt(fields[0]) + 1));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Ignoring the unreadable load journal entry {}: {}", entryFile, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the load journal in {}: {}", folder, e.toString());
        }
        return entries;
    }

    private void write(Path file, Entry entry) {
        String line = entry.deaths() + " " + entry.signature().size() + " " + entry.signature().modifiedMillis()
                + " " + file + "\n";
        try {
            Path staging = Files.createTempFile(folder, ".entry-", ".tmp");
            Files.writeString(staging, line, StandardCharsets.UTF_8);
            Files.move(staging, entryFile(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Cannot write the load journal entry of {} in {}: {}", file, folder, e.toString());
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(entryFile(file));
        } catch (IOException e) {
            LOG.warn("Cannot remove the load journal entry of {}: {}", file, e.toString());
        }
    }

    private Path entryFile(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(file.toString().getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".loading");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
