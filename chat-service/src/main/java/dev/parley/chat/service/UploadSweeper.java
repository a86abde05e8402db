package dev.parley.chat.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.config.StorageConfig;
import dev.parley.chat.repository.UploadRepository;
import dev.parley.chat.repository.UploadRepository.Doomed;

/**
 * Deletes files nobody will see: uploads never completed or never attached after {@code parley.storage.orphan-after}
 * (24 h), and those of deleted messages and accounts. The file goes first, then the row, so a crash between the two
 * only means deleting a missing file next time; every replica sweeps, and sweeping twice is harmless.
 */
@ApplicationScoped
public class UploadSweeper {

    private static final Logger LOG = Logger.getLogger(UploadSweeper.class);
    private static final int BATCH = 100;
    private static final long EVERY_MILLIS = 60_000;

    private final UploadRepository uploads;
    private final ObjectStore store;
    private final StorageConfig config;

    public UploadSweeper(UploadRepository uploads, ObjectStore store, StorageConfig config) {
        this.uploads = uploads;
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(EVERY_MILLIS, id -> sweep().subscribe().with(swept -> {
        }, failure -> LOG.warnf("Cannot sweep uploads: %s", failure.getMessage())));
    }

    /** Deletes what is due now, a batch at a time; answers how many uploads went. */
    public Uni<Integer> sweep() {
        return uploads.sweepable(config.orphanAfter(), BATCH).chain(this::delete).chain(count -> count == BATCH
                ? sweep().map(more -> count + more)
                : Uni.createFrom().item(count));
    }

    private Uni<Integer> delete(List<Doomed> doomed) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Doomed upload : doomed) {
            done = done.chain(() -> store.delete(Uploads.key(upload.id(), upload.objectName())))
                    .chain(() -> upload.thumbnail()
                            ? store.delete(Uploads.thumbnailKey(upload.id(), upload.objectName()))
                            : Uni.createFrom().voidItem())
                    .chain(() -> uploads.forget(upload.id()));
        }
        return done.map(ignored -> doomed.size());
    }
}
