package dev.parley.chat.service;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.NewUpload;
import dev.parley.chat.api.UploadTicket;
import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.client.storage.SignedUpload;
import dev.parley.chat.config.StorageConfig;
import dev.parley.chat.repository.UploadRepository;
import dev.parley.chat.service.media.FileTypes;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/**
 * Starting an upload: a member of the conversation declares the file, its bytes are reserved against their quota,
 * and they get a URL to PUT it to, straight into the store. {@link UploadCompletion} checks what arrived.
 */
@ApplicationScoped
public class Uploads {

    static final String TOO_LARGE = "File too large";
    static final String QUOTA = "Storage quota exceeded";
    private static final int MAX_FILENAME = 255;

    private final UploadRepository uploads;
    private final ObjectStore store;
    private final FileTypes types;
    private final ConversationAccess access;
    private final StorageConfig config;
    private final Pool pool;

    public Uploads(UploadRepository uploads, ObjectStore store, FileTypes types, ConversationAccess access,
            StorageConfig config, Pool pool) {
        this.uploads = uploads;
        this.store = store;
        this.types = types;
        this.access = access;
        this.config = config;
        this.pool = pool;
    }

    /** The store's key of an upload's bytes: its id and the random part of its name (none for older uploads). */
    public static String key(long uploadId, String objectName) {
        return "uploads/" + name(uploadId, objectName);
    }

    /** The store's key of an image's thumbnail. */
    static String thumbnailKey(long uploadId, String objectName) {
        return "thumbnails/" + name(uploadId, objectName);
    }

    private static String name(long uploadId, String objectName) {
        return objectName == null ? Long.toString(uploadId) : uploadId + "-" + objectName;
    }

    public Uni<UploadTicket> start(long caller, NewUpload body) {
        if (body == null) {
            throw Input.missing("conversation_id");
        }
        long conversationId = Input.required("conversation_id", body.conversationId());
        String filename = filename(Input.required("filename", body.filename()));
        String contentType = Input.required("content_type", body.contentType()).trim().toLowerCase(Locale.ROOT);
        long size = Input.required("size", body.size());
        if (size <= 0) {
            throw ApiException.badRequest("size must be at least 1");
        }
        if (size > config.maxFileSize()) {
            throw new ApiException(413, TOO_LARGE);
        }
        if (!types.allowed(contentType)) {
            throw ApiException.badRequest("Files of type " + contentType + " are not accepted");
        }
        if (size > config.quotaPerUser()) {
            throw new ApiException(413, QUOTA);
        }
        return access.place(pool, conversationId, caller)
                .chain(() -> uploads.reserve(caller, conversationId, filename, contentType, size,
                        config.quotaPerUser()))
                .map(reservation -> {
                    if (reservation == null) {
                        throw new ApiException(413, QUOTA);
                    }
                    SignedUpload signed = store.signUpload(key(reservation.id(), reservation.objectName()),
                            contentType, size, config.uploadUrlTtl());
                    return new UploadTicket(reservation.id(), signed.url(), signed.method(), signed.headers(),
                            signed.expiresAt());
                });
    }

    private static String filename(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.length() > MAX_FILENAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || name.contains("/") || name.contains("\\")) {
            throw ApiException.badRequest("filename must be 1 to 255 characters, without '/', '\\' or controls");
        }
        return name;
    }
}
