package dev.parley.chat.client.storage;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where uploaded files live: S3-compatible object storage, or a directory on this machine served by chat-service.
 * Clients upload and download through signed URLs that expire; chat-service itself reads, rewrites and deletes
 * objects by key. Keys are chat-service's own ({@code uploads/<id>-<random>}, {@code thumbnails/<id>-<random>}).
 */
public interface ObjectStore {

    /** A URL the client PUTs the bytes to, with the headers it must send exactly as given, until {@code ttl} ends. */
    SignedUpload signUpload(String key, String contentType, long size, Duration ttl);

    /** A URL that answers the object's bytes until {@code ttl} ends, named {@code filename} for the browser. */
    String signDownload(String key, String filename, String contentType, Duration ttl);

    /** The stored object's size, or empty when there is none. */
    Uni<Optional<Long>> size(String key);

    /** The object's first {@code max} bytes (all of it when shorter); fails with {@link MissingObject} without one. */
    Uni<byte[]> head(String key, int max);

    /** The whole object; fails with {@link MissingObject} when there is none. */
    Uni<byte[]> read(String key);

    /** Stores the bytes under the key, replacing what is there. */
    Uni<Void> write(String key, byte[] bytes, String contentType);

    /** Deletes the object; nothing happens when there is none. */
    Uni<Void> delete(String key);
}
