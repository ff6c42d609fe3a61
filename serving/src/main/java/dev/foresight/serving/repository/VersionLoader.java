package dev.foresight.serving.repository;

import dev.foresight.serving.inference.ModelLoadException;
import dev.foresight.serving.inference.ModelLoader;
import dev.foresight.serving.inference.ModelSession;
import dev.foresight.serving.inference.RunnerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns one version's file into a {@link ServedVersion}: load, warm up, make its runner, with the
 * load recorded in the {@link LoadJournal} while it runs. A failure at any step is a reason, never
 * an exception: the caller reports it and keeps serving what it served.
 */
final class VersionLoader {
    /** The reason given for a file during whose loads the server died twice in a row. */
    static final String CRASHED = "the server stopped while loading this file (" + LoadJournal.DEATHS_TO_CONDEMN
            + " times in a row); it is not loaded again until it changes";

    private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);

    /** A loaded version, or why there is none. */
    record Result(Optional<ServedVersion> version, String failure) {
        static Result loaded(ServedVersion version) {
            return new Result(Optional.of(version), null);
        }

        static Result failed(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }

    private final ModelLoader loader;
    private final RunnerFactory runners;
    private final RepositoryListener listener;
    private final LoadJournal journal;
    private final Optional<LoadPause> pause;

    VersionLoader(ModelLoader loader, RunnerFactory runners, RepositoryListener listener, LoadJournal journal,
                  Optional<LoadPause> pause) {
        this.loader = loader;
        this.runners = runners;
        this.listener = listener;
        this.journal = journal;
        this.pause = pause;
    }

    Result load(String model, long version, Path file, FileSignature signature, ModelConfig config) {
        Path journaled = file.toAbsolutePath().normalize();
        if (journal.condemned(journaled, signature)) {
            return failed(model, version, file, CRASHED);
        }
        long started = System.nanoTime();
        ModelSession session = null;
        journal.loading(journaled, signature);
        try {
            pause.ifPresent(p -> p.during(model));
            session = loader.load(file, config.session());
            Warmup.run(model, session, file);
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("Loaded {} version {} from {} in {} ms", model, version, file, millis);
            listener.versionLoaded(model, version, millis);
            return Result.loaded(new ServedVersion(model, version, session,
                    runners.create(model, session, config.batching()), signature, () -> closed(model, version)));
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            return failed(model, version, file, describe(e));
        } finally {
            journal.loaded(journaled);
        }
    }

    /** Forgets what the journal holds of a file that left the repository. */
    void forget(Path file) {
        journal.forget(file.toAbsolutePath().normalize());
    }

    private Result failed(String model, long version, Path file, String reason) {
        LOG.error("Model {} version {} failed to load from {}: {}", model, version, file, reason);
        listener.loadFailed(model, version, reason);
        return Result.failed(reason);
    }

    private void closed(String model, long version) {
        LOG.info("Unloaded {} version {}", model, version);
        listener.versionUnloaded(model, version);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof ModelLoadException ? message : "warm-up inference failed: " + message;
    }
}
