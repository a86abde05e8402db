package dev.parley.e2e.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible object store whose objects are files in a directory: s3proxy with its filesystem backend, in a
 * process of its own on a free loopback port. It plays the backup bucket: the Barman Cloud tools archive WAL and
 * base backups into it exactly as CloudNativePG's plugin does into S3. The build copies s3proxy's jar to
 * {@code target/s3proxy}; the directory outlives the store, so a restore can be rehearsed from it by hand
 * (docs/operations.md).
 */
public final class BackupStore implements AutoCloseable {

    /** The bucket, as {@code destinationPath} names it in the ObjectStore of the staging and prod overlays. */
    public static final String BUCKET = "parley-db-backups";
    public static final String ACCESS_KEY = "drill-access";
    public static final String SECRET_KEY = "drill-secret";

    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final String endpoint;
    private final Path directory;

    private BackupStore(Process process, String endpoint, Path directory) {
        this.process = process;
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /** Starts the store on a free port with its objects under {@code directory} (emptied first). */
    public static BackupStore start(Path directory, Path s3proxyJar) throws Exception {
        if (!Files.isRegularFile(s3proxyJar)) {
            throw new IllegalStateException(s3proxyJar + " is missing; the build's process-test-resources phase "
                    + "copies it (maven-dependency-plugin)");
        }
        Commands.deleteTree(directory);
        Files.createDirectories(directory.resolve("objects").resolve(BUCKET));
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Path properties = Files.writeString(directory.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + directory.resolve("objects").toAbsolutePath(),
                "jclouds.identity=local", "jclouds.credential=local", ""));
        Path log = directory.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", s3proxyJar.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BackupStore store = new BackupStore(process, endpoint, directory);
        store.awaitListening(port, log);
        return store;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Where the archive goes, as the plugin's {@code destinationPath}. */
    public String destination() {
        return "s3://" + BUCKET;
    }

    /** The objects on disk: {@code <bucket>/<server name>/wals/...} and {@code .../base/<backup id>/...}. */
    public Path objects() {
        return directory.resolve("objects").resolve(BUCKET);
    }

    /** The credentials the Barman Cloud tools read, as the plugin passes them from the Secret. */
    public Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_DEFAULT_REGION",
                "us-east-1");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void awaitListening(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("s3proxy did not listen within " + START_WITHIN + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
