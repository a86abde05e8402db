package dev.parley.chat.storage;

import java.util.Optional;

import dev.parley.chat.config.StorageConfig;
import dev.parley.chat.support.S3Proxy;

/** {@code parley.storage.s3.*} for a bucket of a running {@link S3Proxy}. */
record TestS3Settings(Optional<String> bucket, Optional<String> endpoint, String region,
        Optional<String> accessKeyId, Optional<String> secretAccessKey, boolean pathStyle)
        implements
            StorageConfig.S3 {

    @Override
    public Optional<String> publicEndpoint() {
        return Optional.empty();
    }

    static TestS3Settings of(S3Proxy proxy, String bucket) {
        return new TestS3Settings(Optional.of(bucket), Optional.of(proxy.endpoint()), "us-east-1",
                Optional.of(S3Proxy.ACCESS_KEY), Optional.of(S3Proxy.SECRET_KEY), true);
    }
}
