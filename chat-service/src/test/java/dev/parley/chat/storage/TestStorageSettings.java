package dev.parley.chat.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.parley.chat.config.StorageConfig;

/** {@code parley.storage.*} with the given stores and the default limits. */
record TestStorageSettings(StorageConfig.S3 s3, StorageConfig.Local local) implements StorageConfig {

    /** {@code parley.storage.local.*}. */
    record Local(String directory, Optional<String> signingKey, Optional<String> publicUrl)
            implements
                StorageConfig.Local {
    }

    @Override
    public Duration uploadUrlTtl() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Duration downloadUrlTtl() {
        return Duration.ofMinutes(5);
    }

    @Override
    public long maxFileSize() {
        return 26_214_400;
    }

    @Override
    public long quotaPerUser() {
        return 1_073_741_824;
    }

    @Override
    public Duration orphanAfter() {
        return Duration.ofHours(24);
    }

    @Override
    public List<String> allowedTypes() {
        return List.of("image/png");
    }
}
