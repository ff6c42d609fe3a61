package dev.foresight.serving.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Size and modification time of a model file: what tells a complete file from one being written. */
record FileSignature(long size, long modifiedMillis) {

    /** The signature of {@code file}; empty when it is not a regular file (any more). */
    static Optional<FileSignature> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new FileSignature(attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a file with this signature may be loaded: unchanged since the last look (if there
     * was one) and untouched for {@code settleMillis}. A file moved in atomically keeps its old
     * modification time and is taken at first sight.
     */
    boolean settled(FileSignature previous, long nowMillis, long settleMillis) {
        return size > 0 && nowMillis - modifiedMillis >= settleMillis && (previous == null || previous.equals(this));
    }
}
