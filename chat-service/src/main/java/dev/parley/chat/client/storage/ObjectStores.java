package dev.parley.chat.client.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.parley.chat.config.StorageConfig;

/**
 * Chooses the attachments' store once: S3-compatible storage when {@code parley.storage.s3.bucket} is set, else the
 * built-in store in {@code parley.storage.local.directory}. The bucket is a deployment prerequisite: it is checked at
 * start and reported in the log, never created.
 */
@ApplicationScoped
public class ObjectStores {

    private static final Logger LOG = Logger.getLogger(ObjectStores.class);
    private static final int MIN_KEY_LENGTH = 32;

    private final ObjectStore store;

    public ObjectStores(StorageConfig config) {
        this.store = config.s3().bucket().isPresent() ? new S3ObjectStore(config.s3()) : local(config.local());
    }

    @Produces
    @Singleton
    ObjectStore store() {
        return store;
    }

    /** The built-in store, when it is the one in use. */
    public Optional<LocalObjectStore> local() {
        return store instanceof LocalObjectStore local ? Optional.of(local) : Optional.empty();
    }

    void onStart(@Observes StartupEvent start) {
        if (store instanceof S3ObjectStore s3) {
            s3.bucketExists().subscribe().with(exists -> {
                if (exists) {
                    LOG.infof("Attachments are stored in the bucket %s", s3.bucket());
                } else {
                    LOG.errorf("The attachments' bucket %s does not exist; create it (uploads fail until then)",
                            s3.bucket());
                }
            }, failure -> LOG.errorf("Cannot reach the attachments' bucket %s: %s", s3.bucket(), failure.toString()));
        } else if (store instanceof LocalObjectStore local) {
            LOG.infof("Attachments are stored in %s", local.directory());
        }
    }

    @PreDestroy
    void close() {
        if (store instanceof S3ObjectStore s3) {
            s3.close();
        }
    }

    private static LocalObjectStore local(StorageConfig.Local config) {
        byte[] key;
        if (config.signingKey().isPresent()) {
            key = config.signingKey().get().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_KEY_LENGTH) {
                throw new IllegalStateException("parley.storage.local.signing-key needs 32 characters or more");
            }
        } else {
            key = new byte[MIN_KEY_LENGTH];
            new SecureRandom().nextBytes(key);
            LOG.warn("No parley.storage.local.signing-key: signing the store's URLs with a key made at start, "
                    + "so they fail after a restart and on any other replica; fine for one replica only");
        }
        return new LocalObjectStore(Path.of(config.directory()), key, config.publicUrl().orElse(""), Clock.systemUTC());
    }
}
