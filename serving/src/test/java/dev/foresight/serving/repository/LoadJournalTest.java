package dev.foresight.serving.repository;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that dies during a load is simulated by a journal that records the load and is then
 * dropped without {@code loaded} or {@code close} (what a killed process leaves on disk).
 */
class LoadJournalTest {
    @TempDir
    Path state;

    private final Path file = Path.of("/models/m/1/model.onnx");
    private final FileSignature signature = new FileSignature(100, 5000);

    private void dieWhileLoading(FileSignature loading) {
        new LoadJournal(state).loading(file, loading);
    }

    @Test
    void oneDeathDuringALoadCondemnsNothing() {
        dieWhileLoading(signature);
        assertFalse(new LoadJournal(state).condemned(file, signature));
    }

    @Test
    void twoDeathsInARowCondemnTheFileAcrossRestarts() {
        dieWhileLoading(signature);
        dieWhileLoading(signature);
        assertTrue(new LoadJournal(state).condemned(file, signature));
        assertTrue(new LoadJournal(state).condemned(file, signature), "forgotten on the next restart");
    }

    @Test
    void aChangedFileIsNoLongerCondemned() {
        dieWhileLoading(signature);
        dieWhileLoading(signature);
        assertFalse(new LoadJournal(state).condemned(file, new FileSignature(101, 6000)));
    }

    @Test
    void aLoadThatEndsResetsTheCount() {
        dieWhileLoading(signature);
        LoadJournal survived = new LoadJournal(state);
        survived.loading(file, signature);
        survived.loaded(file);
        dieWhileLoading(signature);
        assertFalse(new LoadJournal(state).condemned(file, signature));
    }

    @Test
    void aGracefulStopDuringALoadIsNoDeath() {
        dieWhileLoading(signature);
        LoadJournal stopped = new LoadJournal(state);
        stopped.loading(file, signature);
        stopped.close();
        dieWhileLoading(signature);
        assertFalse(new LoadJournal(state).condemned(file, signature));
    }

    @Test
    void aDeathWhileLoadingAChangedFileStartsCountingAfresh() {
        dieWhileLoading(signature);
        dieWhileLoading(new FileSignature(101, 6000));
        assertFalse(new LoadJournal(state).condemned(file, new FileSignature(101, 6000)));
    }
}
