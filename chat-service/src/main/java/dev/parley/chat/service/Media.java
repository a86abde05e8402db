package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.config.StorageConfig;
import dev.parley.chat.repository.UploadRepository;
import dev.parley.common.error.ApiException;

/**
 * Downloads: a file attached to a message is shown to the members of its conversation (and its uploader) through a
 * signed URL of the store that lasts minutes; anyone else learns nothing (404).
 */
@ApplicationScoped
public class Media {

    private final UploadRepository uploads;
    private final ObjectStore store;
    private final StorageConfig config;

    public Media(UploadRepository uploads, ObjectStore store, StorageConfig config) {
        this.uploads = uploads;
        this.store = store;
        this.config = config;
    }

    /** A signed URL of the file, or of its thumbnail. */
    public Uni<String> url(long caller, long uploadId, boolean thumbnail) {
        return uploads.visible(uploadId, caller).map(upload -> {
            if (upload == null || (thumbnail && !upload.thumbnail())) {
                throw ApiException.notFound("Media not found");
            }
            return thumbnail
                    ? store.signDownload(Uploads.thumbnailKey(uploadId, upload.objectName()),
                            "thumbnail-" + upload.filename() + ".jpg",
                            "image/jpeg", config.downloadUrlTtl())
                    : store.signDownload(Uploads.key(uploadId, upload.objectName()), upload.filename(),
                            upload.contentType(),
                            config.downloadUrlTtl());
        });
    }
}
