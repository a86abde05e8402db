package dev.parley.chat.client.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.config.StorageConfig;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * Files in an S3-compatible bucket. Upload URLs sign the content type and length, so the store itself refuses another
 * type or size; download URLs name the file through {@code response-content-disposition}. Calls to the store block,
 * so they run on the worker pool.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final String bucket;
    private final S3Client client;
    private final S3Presigner presigner;

    public S3ObjectStore(StorageConfig.S3 config) {
        this.bucket = config.bucket().orElseThrow(() -> new IllegalArgumentException("No bucket configured"));
        this.client = S3Clients.client(config);
        this.presigner = S3Clients.presigner(config);
    }

    /** The bucket's name. */
    public String bucket() {
        return bucket;
    }

    /** Whether the bucket exists and these credentials reach it; fails when the store cannot be asked. */
    public Uni<Boolean> bucketExists() {
        return Blocking.call(() -> unlessMissing(() -> {
            client.headBucket(b -> b.bucket(bucket));
            return true;
        }, false));
    }

    @Override
    public SignedUpload signUpload(String key, String contentType, long size, Duration ttl) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(PutObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(size))
                .build());
        // Host comes with the URL; HTTP clients set it themselves and most refuse it as a header.
        Map<String, String> headers = signed.signedHeaders().entrySet().stream()
                .filter(header -> !header.getKey().equalsIgnoreCase("host"))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.join(",", e.getValue())));
        return new SignedUpload(signed.url().toString(), "PUT", headers, signed.expiration());
    }

    @Override
    public String signDownload(String key, String filename, String contentType, Duration ttl) {
        return presigner.presignGetObject(GetObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentDisposition(ContentDisposition.attachment(filename))
                        .responseContentType(contentType))
                .build()).url().toString();
    }

    @Override
    public Uni<Optional<Long>> size(String key) {
        return Blocking.call(() -> unlessMissing(
                () -> Optional.of(client.headObject(h -> h.bucket(bucket).key(key)).contentLength()),
                Optional.empty()));
    }

    @Override
    public Uni<byte[]> head(String key, int max) {
        if (max <= 0) {
            return Uni.createFrom().item(new byte[0]);
        }
        return Blocking.call(() -> {
            try {
                return client.getObject(g -> g.bucket(bucket).key(key).range("bytes=0-" + (max - 1)),
                        ResponseTransformer.toBytes()).asByteArray();
            } catch (S3Exception e) {
                if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                    // An empty object has no first byte to start a range at.
                    return new byte[0];
                }
                throw missingOr(e, key);
            }
        });
    }

    @Override
    public Uni<byte[]> read(String key) {
        return Blocking.call(() -> {
            try {
                return client.getObject(g -> g.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
            } catch (S3Exception e) {
                throw missingOr(e, key);
            }
        });
    }

    @Override
    public Uni<Void> write(String key, byte[] bytes, String contentType) {
        return Blocking.call(() -> {
            client.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
            return null;
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return Blocking.call(() -> unlessMissing(() -> {
            client.deleteObject(d -> d.bucket(bucket).key(key));
            return null;
        }, null));
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private static <T> T unlessMissing(Supplier<T> call, T whenMissing) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return whenMissing;
            }
            throw e;
        }
    }

    private static RuntimeException missingOr(S3Exception e, String key) {
        return e.statusCode() == NOT_FOUND ? new MissingObject(key) : e;
    }
}
