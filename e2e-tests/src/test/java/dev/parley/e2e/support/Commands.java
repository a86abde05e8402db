package dev.parley.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Programs the drill runs on this machine (PostgreSQL's and the Barman Cloud tools), each with its output kept for the
 * failure message. PostgreSQL refuses to run as root, so when the tests run as root, clusters belong to the
 * {@code postgres} account and their programs run as it.
 */
final class Commands {

    static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    static final String CLUSTER_OWNER = ROOT ? "postgres" : System.getProperty("user.name");

    private Commands() {
    }

    /** Runs the command as the owner of the scratch clusters; its output, or an exception with it. */
    static String asClusterOwner(List<String> command, Map<String, String> env, Duration within) throws Exception {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            // runuser keeps the environment (but HOME, SHELL, USER and LOGNAME) without --login.
            full.addAll(List.of("runuser", "-u", CLUSTER_OWNER, "--"));
        }
        full.addAll(command);
        return run(full, env, within);
    }

    static String run(List<String> command, Map<String, String> env, Duration within) throws Exception {
        Path output = Files.createTempFile("parley-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + within
                        + ":\n" + Files.readString(output));
            }
            String printed = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                        + "):\n" + printed);
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A directory the cluster owner may write in, made with its parents. */
    static Path ownedDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (ROOT) {
            var owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(CLUSTER_OWNER);
            Files.setOwner(directory, owner);
        }
        return directory;
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
