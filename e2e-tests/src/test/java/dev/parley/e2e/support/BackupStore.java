package dev.parley.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.parley.testing.S3ProxyServer;

/**
 * The backup bucket: an S3-compatible store whose objects are files in a directory ({@link S3ProxyServer} on disk).
 * The Barman Cloud tools archive WAL and base backups into it exactly as CloudNativePG's plugin does into S3. The
 * directory outlives the store, so a restore can be rehearsed from it by hand (docs/operations.md).
 */
public final class BackupStore implements AutoCloseable {

    /** The bucket, as {@code destinationPath} names it in the ObjectStore of the staging and prod overlays. */
    public static final String BUCKET = "parley-db-backups";
    public static final String ACCESS_KEY = "drill-access";
    public static final String SECRET_KEY = "drill-secret";

    private final S3ProxyServer server;

    private BackupStore(S3ProxyServer server) {
        this.server = server;
    }

    /** Starts the store with its objects under {@code directory} (emptied first). */
    public static BackupStore start(Path directory) throws Exception {
        Commands.deleteTree(directory);
        Files.createDirectories(directory.resolve("objects").resolve(BUCKET));
        return new BackupStore(S3ProxyServer.onDisk(directory, ACCESS_KEY, SECRET_KEY));
    }

    public String endpoint() {
        return server.endpoint();
    }

    /** Where the archive goes, as the plugin's {@code destinationPath}. */
    public String destination() {
        return "s3://" + BUCKET;
    }

    /** The credentials the Barman Cloud tools read, as the plugin passes them from the Secret. */
    public Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_DEFAULT_REGION",
                "us-east-1");
    }

    @Override
    public void close() {
        server.close();
    }
}
