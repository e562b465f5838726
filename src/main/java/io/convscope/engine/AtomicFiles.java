package io.convscope.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that either complete or leave the old file untouched: a crash never leaves half a model behind.
 * A write goes to {@code .NAME.<random>.tmp} beside the target and is renamed over it; a killed write leaves such a
 * file behind, and the next write of the same target deletes it. Sets of files build on {@link #writeTemporary} and
 * {@link #commit} (see {@link ModelStore}).
 */
public final class AtomicFiles {

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes to a temporary file in the same folder, flushes it to disk, then renames it over {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        deleteStaleTemporaries(target);
        Path tmp = writeTemporary(target, writer);
        try {
            commit(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code target}'s new content to a temporary file beside it, on disk when this returns. */
    public static Path writeTemporary(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            // createTempFile makes the file private; a model or an export should be as readable as any other file.
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Renames a temporary file over {@code target} in one step, and asks the folder to record the rename. */
    public static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        // The next step of a set (the manifest after its files) must not reach the disk before this rename does.
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder as a channel; its renames are ordered anyway
        }
    }

    /** The temporary files a write of {@code target} would leave behind if killed, newest first. */
    public static List<Path> temporariesOf(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern name = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "[^.]+\\.tmp");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path p) -> p.toFile().lastModified())
                            .reversed())
                    .toList();
        }
    }

    /** Deletes what killed writes of {@code target} left behind. */
    public static void deleteStaleTemporaries(Path target) throws IOException {
        for (Path tmp : temporariesOf(target)) {
            Files.deleteIfExists(tmp);
        }
    }
}
