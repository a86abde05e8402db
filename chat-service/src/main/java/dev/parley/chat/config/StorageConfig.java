package dev.parley.chat.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Attachments' storage and limits, under {@code parley.storage.*} (env {@code PARLEY_STORAGE_*}). With
 * {@code s3.bucket} set, files live in S3-compatible object storage; otherwise in {@code local.directory}, served by
 * chat-service itself through signed URLs.
 */
@ConfigMapping(prefix = "parley.storage")
public interface StorageConfig {

    /** How long an upload URL is valid. */
    @WithDefault("15m")
    Duration uploadUrlTtl();

    /** How long a download URL is valid. */
    @WithDefault("5m")
    Duration downloadUrlTtl();

    /** The largest file, in bytes (25 MiB). */
    @WithDefault("26214400")
    long maxFileSize();

    /** What one user may have stored, in bytes (1 GiB). */
    @WithDefault("1073741824")
    long quotaPerUser();

    /** Uploads not completed, or not attached to a message, are deleted after this. */
    @WithDefault("24h")
    Duration orphanAfter();

    /** The content types accepted, as detected from the bytes; {@code type/*} takes a whole family. */
    @WithDefault("image/jpeg,image/png,image/gif,image/webp,image/heic,audio/*,video/*,application/pdf,"
            + "application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + "application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            + "application/vnd.ms-powerpoint,"
            + "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
            + "application/vnd.oasis.opendocument.text,application/zip,text/plain")
    List<String> allowedTypes();

    S3 s3();

    Local local();

    /** S3-compatible object storage (AWS S3, MinIO, Ceph, ...). */
    interface S3 {

        Optional<String> bucket();

        /** The endpoint, for storage other than AWS S3 (e.g. {@code http://minio:9000}). */
        Optional<String> endpoint();

        /**
         * The endpoint as clients reach it, for the signed URLs, when it differs from {@code endpoint} (e.g.
         * {@code http://localhost:9000} while chat-service reaches {@code http://minio:9000}).
         */
        Optional<String> publicEndpoint();

        @WithDefault("us-east-1")
        String region();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style URLs ({@code endpoint/bucket/key}), as MinIO and most S3-compatible stores need. */
        @WithDefault("true")
        boolean pathStyle();
    }

    /** The built-in store: a directory, served by chat-service at {@code /v1/store/...}. */
    interface Local {

        @WithDefault(".var/attachments")
        String directory();

        /** The key of the URLs' HMAC signatures (32+ characters); made at start when absent (one replica only). */
        Optional<String> signingKey();

        /**
         * chat-service's public base URL as clients reach it (under {@code scripts/run.sh} the proxy's,
         * {@code PARLEY_PUBLIC_URL}); without it the signed URLs are relative to the API's own address.
         */
        @WithDefault("${parley.public-url:}")
        Optional<String> publicUrl();
    }
}
