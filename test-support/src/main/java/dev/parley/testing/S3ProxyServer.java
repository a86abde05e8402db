package dev.parley.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server: s3proxy, in a process of its own on a free loopback port, checking request signatures
 * and the expiry of presigned URLs as S3 does. Objects live in memory, or as files in a directory that outlives the
 * server. The build copies s3proxy's jar to {@code target/s3proxy/s3proxy.jar} in modules that set
 * {@code s3proxy.copy.phase} (the parent POM).
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final String endpoint;

    private S3ProxyServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Objects in memory, gone when it stops; its configuration and log in {@code work}. */
    public static S3ProxyServer inMemory(Path work, String accessKey, String secretKey) throws IOException {
        return start(work, accessKey, secretKey, List.of("jclouds.provider=transient-nio2"));
    }

    /** Objects as files under {@code objects/<bucket>/<key>} in {@code directory}, which also holds its log. */
    public static S3ProxyServer onDisk(Path directory, String accessKey, String secretKey) throws IOException {
        Files.createDirectories(directory.resolve("objects"));
        return start(directory, accessKey, secretKey, List.of("jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + directory.resolve("objects").toAbsolutePath()));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static S3ProxyServer start(Path work, String accessKey, String secretKey, List<String> backend)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; the build's process-test-resources "
                    + "phase copies it (maven-dependency-plugin, s3proxy.copy.phase)");
        }
        Files.createDirectories(work);
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        List<String> settings = new ArrayList<>(List.of("s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey, "jclouds.identity=local", "jclouds.credential=local"));
        settings.addAll(backend);
        Path properties = Files.writeString(work.resolve("s3proxy.conf"), String.join("\n", settings) + "\n");
        Path log = work.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, endpoint);
        server.awaitListening(port, log);
        return server;
    }

    private void awaitListening(int port, Path log) throws IOException {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("s3proxy did not listen within " + START_WITHIN + ": " + Files.readString(log));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
