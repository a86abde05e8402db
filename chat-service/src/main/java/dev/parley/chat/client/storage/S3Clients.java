package dev.parley.chat.client.storage;

import java.net.URI;
import java.time.Duration;

import dev.parley.chat.config.StorageConfig;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner for the configured endpoint, region, credentials and addressing style. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client client(StorageConfig.S3 config) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .serviceConfiguration(addressing(config))
                // S3-compatible stores (MinIO, s3proxy) do not all accept the SDK's default aws-chunked checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        config.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static S3Presigner presigner(StorageConfig.S3 config) {
        var builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .serviceConfiguration(addressing(config));
        // Signed for the address clients use, which may differ from chat-service's (a container network).
        config.publicEndpoint().or(config::endpoint).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static S3Configuration addressing(StorageConfig.S3 config) {
        return S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
    }

    private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        // Without keys in the settings: the environment, a profile, or the instance's or pod's role.
        return DefaultCredentialsProvider.builder().build();
    }
}
