package dev.parley.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the checks rely on. A missing tool fails the test: it is never skipped. */
final class Tools {

    record Result(int exitCode, String out, String err) {

        /** The output, or a test failure naming the command and quoting its error output. */
        String orFail(String what) {
            if (exitCode != 0) {
                fail("%s failed (exit %d):%n%s%s", what, exitCode, err, out);
            }
            return out;
        }
    }

    private Tools() {
    }

    /** Fails unless the tool is on the PATH, pointing at the script that installs it. */
    static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail("%s is not installed: run scripts/install-deploy-tools.sh (it installs docker-compose, nginx and "
                + "promtool; kubectl must be installed already)", tool);
    }

    static Result run(Path dir, List<String> command) {
        return run(dir, Map.of(), Duration.ofMinutes(2), command);
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        if (!command.get(0).contains("/")) {
            require(command.get(0));
        }
        try {
            Path out = Files.createTempFile("parley-tool", ".out");
            Path err = Files.createTempFile("parley-tool", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    fail("%s did not finish within %s", String.join(" ", command), timeout);
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
