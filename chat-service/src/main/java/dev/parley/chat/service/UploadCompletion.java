package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.parley.chat.api.UploadView;
import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.repository.UploadRepository;
import dev.parley.chat.repository.UploadRepository.Upload;
import dev.parley.chat.service.media.FileTypes;
import dev.parley.chat.service.media.ImageFiles;
import dev.parley.chat.service.media.ProcessedImage;
import dev.parley.chat.service.media.UnreadableImage;
import dev.parley.common.error.ApiException;

/**
 * Completing an upload: what arrived in the store must be the declared size and, by its first bytes, an accepted
 * type consistent with the declared one; otherwise it is deleted and the upload refused. An image is re-encoded
 * without its metadata (EXIF, GPS position), replacing what was uploaded, and gets a thumbnail.
 */
@ApplicationScoped
public class UploadCompletion {

    static final String MISMATCH = "Uploaded file does not match its declaration";
    private static final Logger LOG = Logger.getLogger(UploadCompletion.class);
    private static final int SNIFF_BYTES = 64 * 1024;

    private final UploadRepository uploads;
    private final ObjectStore store;
    private final FileTypes types;
    private final ImageFiles images;
    private final UploadMetrics metrics;

    public UploadCompletion(UploadRepository uploads, ObjectStore store, FileTypes types, ImageFiles images,
            UploadMetrics metrics) {
        this.uploads = uploads;
        this.store = store;
        this.types = types;
        this.images = images;
        this.metrics = metrics;
    }

    public Uni<UploadView> complete(long caller, long uploadId) {
        return uploads.find(uploadId).chain(upload -> {
            if (upload == null || upload.userId() != caller) {
                throw ApiException.notFound("Upload not found");
            }
            if (upload.ready()) {
                return Uni.createFrom().item(view(upload.id(), upload.contentType(), upload.size(), upload.width(),
                        upload.height()));
            }
            return check(upload);
        });
    }

    private Uni<UploadView> check(Upload upload) {
        String key = Uploads.key(upload.id(), upload.objectName());
        return store.size(key).chain(stored -> {
            if (stored.isEmpty()) {
                metrics.outcome("missing");
                throw ApiException.badRequest("Nothing was uploaded yet");
            }
            if (stored.get() != upload.size()) {
                return refuse(upload, "size");
            }
            return store.head(key, SNIFF_BYTES).chain(first -> {
                String detected = types.detect(first);
                String effective = types.effective(upload.contentType(), detected);
                if (!types.matches(upload.contentType(), detected) || !types.allowed(effective)) {
                    return refuse(upload, "type");
                }
                return images.isImage(effective) ? image(upload, effective) : accept(upload, effective, null, null);
            });
        });
    }

    private Uni<UploadView> image(Upload upload, String type) {
        String key = Uploads.key(upload.id(), upload.objectName());
        return store.read(key)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(bytes -> images.process(bytes, type))
                .onFailure(UnreadableImage.class).recoverWithNull()
                .chain(processed -> processed == null ? refuse(upload, "image") : stored(upload, key, processed));
    }

    private Uni<UploadView> stored(Upload upload, String key, ProcessedImage processed) {
        return store.write(key, processed.cleaned(), processed.cleanedType())
                .chain(() -> store.write(Uploads.thumbnailKey(upload.id(), upload.objectName()), processed.thumbnail(),
                        "image/jpeg"))
                .chain(() -> uploads.ready(upload.id(), processed.cleanedType(), processed.width(),
                        processed.height(), true, processed.cleaned().length))
                .map(ignored -> {
                    metrics.outcome("ready");
                    return view(upload.id(), processed.cleanedType(), processed.cleaned().length, processed.width(),
                            processed.height());
                });
    }

    private Uni<UploadView> accept(Upload upload, String type, Integer width, Integer height) {
        return uploads.ready(upload.id(), type, width, height, false, upload.size()).map(ignored -> {
            metrics.outcome("ready");
            return view(upload.id(), type, upload.size(), width, height);
        });
    }

    private Uni<UploadView> refuse(Upload upload, String reason) {
        metrics.outcome("refused_" + reason);
        LOG.debugf("Refused upload %d: %s", upload.id(), reason);
        return store.delete(Uploads.key(upload.id(), upload.objectName())).chain(() -> uploads.forget(upload.id()))
                .chain(() -> Uni.createFrom().failure(ApiException.badRequest(MISMATCH)));
    }

    private static UploadView view(long id, String type, long size, Integer width, Integer height) {
        return new UploadView(id, "ready", type, size, width, height);
    }
}
