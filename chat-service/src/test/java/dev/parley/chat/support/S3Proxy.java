package dev.parley.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.testing.S3ProxyServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server ({@link S3ProxyServer}, objects in memory) as a Quarkus test resource: it points
 * chat-service at the bucket {@value #BUCKET}, which a test creates.
 */
public class S3Proxy implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "parley-attachments";
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = S3ProxyServer.inMemory(Path.of("target", "s3proxy", "run-" + UUID.randomUUID()), ACCESS_KEY,
                    SECRET_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("parley.storage.s3.bucket", BUCKET, "parley.storage.s3.endpoint", server.endpoint(),
                "parley.storage.s3.access-key-id", ACCESS_KEY, "parley.storage.s3.secret-access-key", SECRET_KEY,
                "parley.storage.s3.path-style", "true");
    }

    /** Creates {@value #BUCKET}, as a deployment's prerequisite would have. */
    public void createBucket() {
        try (S3Client admin = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return server.endpoint();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
