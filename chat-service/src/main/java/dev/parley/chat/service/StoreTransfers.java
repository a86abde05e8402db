package dev.parley.chat.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.chat.client.storage.LocalObjectStore;
import dev.parley.chat.client.storage.ObjectStores;
import dev.parley.common.error.ApiException;

/**
 * Uploads to and downloads from the built-in store through its signed URLs. The signature is the only authorization:
 * an upload must carry the signed content type and exactly the signed size, a download is named and typed as signed.
 * Every call blocks (file I/O), so callers run on a worker thread.
 */
@ApplicationScoped
public class StoreTransfers {

    private static final String REFUSED = "Invalid or expired signature";

    private final ObjectStores stores;

    public StoreTransfers(ObjectStores stores) {
        this.stores = stores;
    }

    /** A file to send back, with the headers it was signed for. */
    public record Download(Path file, String contentType, String contentDisposition) {
    }

    public void upload(String key, String expires, String signature, String contentType, Long contentLength,
            InputStream body) {
        LocalObjectStore store = store();
        if (contentLength == null
                || !store.permitsUpload(key, expires, signature, contentType, contentLength)) {
            throw ApiException.forbidden(REFUSED);
        }
        try {
            if (!store.receive(key, body, contentLength)) {
                throw ApiException.forbidden(REFUSED);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot store " + key, e);
        }
    }

    public Download download(String key, String expires, String signature, String filename, String type) {
        LocalObjectStore store = store();
        if (!store.permitsDownload(key, expires, signature, filename, type)) {
            throw ApiException.forbidden(REFUSED);
        }
        try {
            Path file = store.file(key).orElseThrow(() -> ApiException.notFound("Not found"));
            return new Download(file, type, LocalObjectStore.disposition(filename));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + key, e);
        }
    }

    private LocalObjectStore store() {
        // With S3 in use, chat-service serves no files itself.
        return stores.local().orElseThrow(() -> ApiException.notFound("Not found"));
    }
}
