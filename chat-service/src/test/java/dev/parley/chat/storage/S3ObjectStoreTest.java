package dev.parley.chat.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.client.storage.MissingObject;
import dev.parley.chat.client.storage.S3ObjectStore;
import dev.parley.chat.client.storage.SignedUpload;
import dev.parley.chat.support.S3Proxy;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3ObjectStore} against a real S3-compatible server that checks presigned URLs as S3 does. */
class S3ObjectStoreTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final S3Proxy PROXY = new S3Proxy();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3ObjectStore store;

    @BeforeAll
    static void startStore() {
        PROXY.start();
        try (S3Client admin = S3Client.builder().endpointOverride(URI.create(PROXY.endpoint()))
                .region(Region.US_EAST_1).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY)))
                .build()) {
            admin.createBucket(b -> b.bucket(S3Proxy.BUCKET));
        }
        store = new S3ObjectStore(TestS3Settings.of(PROXY, S3Proxy.BUCKET));
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
        PROXY.stop();
    }

    @Test
    void aSignedUploadThenASignedDownloadCarryTheBytesAndTheName() throws Exception {
        byte[] bytes = "%PDF-1.7 a report".getBytes(StandardCharsets.US_ASCII);
        SignedUpload upload = store.signUpload("uploads/1", "application/pdf", bytes.length, TTL);
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.url()).startsWith(PROXY.endpoint() + "/" + S3Proxy.BUCKET + "/uploads/1?");
        assertThat(upload.headers()).containsEntry("content-type", "application/pdf")
                .containsEntry("content-length", Integer.toString(bytes.length)).doesNotContainKey("host");

        assertThat(put(upload, upload.headers().get("content-type"), bytes).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> download = get(store.signDownload("uploads/1", "Bericht März.pdf", "application/pdf",
                TTL));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Bericht M_rz.pdf\"; filename*=UTF-8''Bericht%20M%C3%A4rz.pdf");
        assertThat(await(store.size("uploads/1"))).hasValue((long) bytes.length);
    }

    @Test
    void theStoreRefusesAnotherTypeOrSizeThanSigned() throws Exception {
        byte[] bytes = new byte[100];
        SignedUpload upload = store.signUpload("uploads/2", "image/png", bytes.length, TTL);

        assertThat(put(upload, "text/html", bytes).statusCode()).isEqualTo(403);
        assertThat(put(upload, "image/png", new byte[101]).statusCode()).isEqualTo(403);
        assertThat(put(upload, "image/png", new byte[99]).statusCode()).isEqualTo(403);
        assertThat(await(store.size("uploads/2"))).isEmpty();
    }

    @Test
    void anExpiredUploadUrlIsRefusedAndStoresNothing() throws Exception {
        byte[] bytes = new byte[10];
        SignedUpload upload = store.signUpload("uploads/3", "image/png", bytes.length, Duration.ofSeconds(1));
        Thread.sleep(2100);

        HttpResponse<byte[]> refused = put(upload, "image/png", bytes);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("expired");
        assertThat(await(store.size("uploads/3"))).isEmpty();
    }

    @Test
    void writesReadsAndDeletesByKey() {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        await(store.write("thumbnails/4", bytes, "image/jpeg"));

        assertThat(await(store.size("thumbnails/4"))).hasValue(10L);
        assertThat(await(store.head("thumbnails/4", 4))).isEqualTo("0123".getBytes(StandardCharsets.US_ASCII));
        assertThat(await(store.head("thumbnails/4", 64))).isEqualTo(bytes);
        assertThat(await(store.read("thumbnails/4"))).isEqualTo(bytes);

        await(store.write("thumbnails/4", new byte[0], "image/jpeg"));
        assertThat(await(store.size("thumbnails/4"))).hasValue(0L);
        assertThat(await(store.head("thumbnails/4", 16))).isEmpty();

        await(store.delete("thumbnails/4"));
        assertThat(await(store.size("thumbnails/4"))).isEqualTo(Optional.empty());
        await(store.delete("thumbnails/4"));
        assertThatThrownBy(() -> await(store.read("thumbnails/4"))).isInstanceOf(MissingObject.class);
        assertThatThrownBy(() -> await(store.head("thumbnails/4", 4))).isInstanceOf(MissingObject.class);
    }

    @Test
    void aMissingBucketIsReportedNotCreated() {
        try (S3ObjectStore elsewhere = new S3ObjectStore(TestS3Settings.of(PROXY, "no-such-bucket"))) {
            assertThat(await(elsewhere.bucketExists())).isFalse();
        }
        assertThat(await(store.bucketExists())).isTrue();
    }

    private static HttpResponse<byte[]> put(SignedUpload upload, String contentType, byte[] body)
            throws IOException, InterruptedException {
        // The client sets Content-Length from the body itself.
        return HTTP.send(HttpRequest.newBuilder(URI.create(upload.url())).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }
}
