package dev.parley.chat.client.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in store's files: one per key under a directory, written to a temporary file first and moved into place
 * atomically, so a reader never sees half a file. Keys are checked to stay inside the directory.
 */
final class LocalFiles {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private final Path root;
    private final Path temporary;

    LocalFiles(Path directory) {
        this.root = directory.toAbsolutePath().normalize();
        this.temporary = root.resolve(".partial");
        try {
            Files.createDirectories(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage directory " + root, e);
        }
    }

    Path root() {
        return root;
    }

    /** The key's file; a key that is malformed or would leave the directory is refused. */
    Path pathOf(String key) {
        if (key == null || key.length() > 1024 || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid storage key");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root) || path.startsWith(temporary)) {
            throw new IllegalArgumentException("Invalid storage key");
        }
        return path;
    }

    Optional<Long> size(String key) throws IOException {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(Files.size(path)) : Optional.empty();
    }

    byte[] head(String key, int max) throws IOException {
        try (InputStream in = Files.newInputStream(pathOf(key))) {
            return in.readNBytes(max);
        } catch (NoSuchFileException e) {
            throw new MissingObject(key);
        }
    }

    byte[] read(String key) throws IOException {
        try {
            return Files.readAllBytes(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new MissingObject(key);
        }
    }

    void write(String key, byte[] bytes) throws IOException {
        receive(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Stores exactly {@code size} bytes from {@code body}; answers false, storing nothing, when the body is shorter or
     * longer. At most {@code size + 1} bytes are read.
     */
    boolean receive(String key, InputStream body, long size) throws IOException {
        Path target = pathOf(key);
        Path partial = Files.createTempFile(temporary, "upload-", ".part");
        try {
            long copied;
            try (OutputStream out = Files.newOutputStream(partial)) {
                copied = copy(body, out, size + 1);
            }
            if (copied != size) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }
}
