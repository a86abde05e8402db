package dev.parley.chat.client.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

/**
 * The built-in store: files in a directory, uploaded and downloaded through chat-service's own {@code /v1/store/{key}}
 * with URLs signed by HMAC-SHA256. An upload's signature covers its content type and size, a download's the filename
 * and content type it is served with; both cover the method, key and expiry.
 */
public final class LocalObjectStore implements ObjectStore {

    private final LocalFiles files;
    private final UrlSignatures signatures;
    private final String baseUrl;

    public LocalObjectStore(Path directory, byte[] signingKey, String publicUrl, Clock clock) {
        this.files = new LocalFiles(directory);
        this.signatures = new UrlSignatures(signingKey, clock);
        this.baseUrl = publicUrl.replaceAll("/+$", "") + "/v1/store/";
    }

    /** Where the files are. */
    public Path directory() {
        return files.root();
    }

    @Override
    public SignedUpload signUpload(String key, String contentType, long size, Duration ttl) {
        files.pathOf(key);
        long expires = signatures.expiry(ttl);
        String signature = signatures.sign(expires, "PUT", key, contentType, Long.toString(size));
        return new SignedUpload(urlOf(key, expires, signature), "PUT",
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(size)),
                Instant.ofEpochSecond(expires));
    }

    @Override
    public String signDownload(String key, String filename, String contentType, Duration ttl) {
        files.pathOf(key);
        long expires = signatures.expiry(ttl);
        String signature = signatures.sign(expires, "GET", key, filename, contentType);
        return urlOf(key, expires, signature) + "&filename=" + encode(filename) + "&type=" + encode(contentType);
    }

    /** Whether an upload URL's signature is valid, unexpired, and signed for this content type and size. */
    public boolean permitsUpload(String key, String expires, String signature, String contentType, long size) {
        return contentType != null && size >= 0
                && signatures.valid(expires, signature, "PUT", key, contentType, Long.toString(size));
    }

    /** Whether a download URL's signature is valid, unexpired, and signed for this filename and content type. */
    public boolean permitsDownload(String key, String expires, String signature, String filename, String type) {
        return filename != null && type != null && signatures.valid(expires, signature, "GET", key, filename, type);
    }

    /** Stores an upload (blocking); false, storing nothing, when the body is not exactly {@code size} bytes. */
    public boolean receive(String key, InputStream body, long size) throws IOException {
        return files.receive(key, body, size);
    }

    /** The key's file (blocking), or empty when there is none. */
    public Optional<Path> file(String key) throws IOException {
        return files.size(key).map(size -> files.pathOf(key));
    }

    /** The {@code Content-Disposition} of a download named {@code filename}. */
    public static String disposition(String filename) {
        return ContentDisposition.attachment(filename);
    }

    @Override
    public Uni<Optional<Long>> size(String key) {
        return Blocking.call(() -> files.size(key));
    }

    @Override
    public Uni<byte[]> head(String key, int max) {
        return Blocking.call(() -> files.head(key, max));
    }

    @Override
    public Uni<byte[]> read(String key) {
        return Blocking.call(() -> files.read(key));
    }

    @Override
    public Uni<Void> write(String key, byte[] bytes, String contentType) {
        return Blocking.call(() -> {
            files.write(key, bytes);
            return null;
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return Blocking.call(() -> {
            files.delete(key);
            return null;
        });
    }

    private String urlOf(String key, long expires, String signature) {
        String path = Arrays.stream(key.split("/")).map(LocalObjectStore::encode).collect(Collectors.joining("/"));
        return baseUrl + path + "?expires=" + expires + "&signature=" + signature;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
