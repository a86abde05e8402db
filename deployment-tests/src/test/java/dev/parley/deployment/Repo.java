package dev.parley.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in (the parent of this module). */
final class Repo {

    static final Path ROOT = locate();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("kubernetes"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside the Parley repository: " + Path.of("").toAbsolutePath());
    }
}
