package dev.parley.chat.storage;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.client.storage.LocalObjectStore;
import dev.parley.chat.client.storage.MissingObject;
import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.client.storage.SignedUpload;

/** The built-in store: signed uploads and downloads through chat-service's own route, and reads and writes by key. */
@QuarkusTest
class LocalObjectStoreTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String REFUSED = "Invalid or expired signature";

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path directory;

    @Test
    void aSignedUploadThenASignedDownloadThroughTheRoute() {
        assertThat(store).isInstanceOf(LocalObjectStore.class);
        byte[] bytes = "\u0089PNG not really".getBytes(StandardCharsets.UTF_8);
        String key = "uploads/" + System.nanoTime();
        SignedUpload upload = store.signUpload(key, "image/png", bytes.length, TTL);
        // Without PARLEY_PUBLIC_URL the URLs are relative to chat-service's own address.
        assertThat(upload.url()).startsWith("/v1/store/" + key + "?expires=");
        assertThat(upload.headers()).containsEntry("Content-Type", "image/png")
                .containsEntry("Content-Length", Integer.toString(bytes.length));

        client().contentType("image/png").body(bytes).put(relative(upload.url())).then().statusCode(204);

        String download = store.signDownload(key, "Café \"menu\".png", "image/png", TTL);
        byte[] served = client().get(relative(download)).then().statusCode(200)
                .header("Content-Type", "image/png")
                .header("Content-Disposition",
                        "attachment; filename=\"Caf_ _menu_.png\"; filename*=UTF-8''Caf%C3%A9%20%22menu%22.png")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(served).isEqualTo(bytes);

        client().get(relative(download).replace("filename=Caf", "filename=Kaf")).then().spec(error(403, REFUSED));
        client().get(relative(download).replace("type=image", "type=text")).then().spec(error(403, REFUSED));
        String missing = store.signDownload("uploads/none", "x.png", "image/png", TTL);
        client().get(relative(missing)).then().spec(error(404, "Not found"));
    }

    @Test
    void anUploadOtherThanSignedIsRefusedAndStoresNothing() throws Exception {
        String key = "uploads/" + System.nanoTime();
        SignedUpload upload = store.signUpload(key, "image/png", 10, TTL);
        String path = relative(upload.url());

        client().contentType("image/jpeg").body(new byte[10]).put(path).then().spec(error(403, REFUSED));
        client().contentType("image/png").body(new byte[11]).put(path).then().spec(error(403, REFUSED));
        client().contentType("image/png").body(new byte[9]).put(path).then().spec(error(403, REFUSED));
        String tampered = path.replaceFirst("signature=.", "signature=" + (path.contains("signature=A") ? "B" : "A"));
        client().contentType("image/png").body(new byte[10]).put(tampered).then().spec(error(403, REFUSED));
        client().contentType("image/png").body(new byte[10]).put(path.replace(key, key + "x"))
                .then().spec(error(403, REFUSED));

        // Without a length the size cannot be checked before reading; such a body is refused.
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(root.toURI().resolve(path))
                        .header("Content-Type", "image/png")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1000])))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(403);
        assertThat(await(store.size(key))).isEmpty();
    }

    @Test
    void anExpiredUploadUrlIsRefused() throws InterruptedException {
        String key = "uploads/" + System.nanoTime();
        SignedUpload upload = store.signUpload(key, "image/png", 10, Duration.ofSeconds(1));
        Thread.sleep(2100);

        client().contentType("image/png").body(new byte[10]).put(relative(upload.url()))
                .then().spec(error(403, REFUSED));
        assertThat(await(store.size(key))).isEmpty();
    }

    @Test
    void writesReadsAndDeletesByKey() {
        LocalObjectStore local = new LocalObjectStore(directory, new byte[32], "http://chat", Clock.systemUTC());
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        await(local.write("thumbnails/1", bytes, "image/jpeg"));

        assertThat(Files.exists(directory.resolve("thumbnails/1"))).isTrue();
        assertThat(await(local.size("thumbnails/1"))).hasValue(10L);
        assertThat(await(local.head("thumbnails/1", 4))).isEqualTo("0123".getBytes(StandardCharsets.US_ASCII));
        assertThat(await(local.head("thumbnails/1", 64))).isEqualTo(bytes);
        assertThat(await(local.read("thumbnails/1"))).isEqualTo(bytes);

        await(local.delete("thumbnails/1"));
        assertThat(await(local.size("thumbnails/1"))).isEqualTo(Optional.empty());
        await(local.delete("thumbnails/1"));
        assertThatThrownBy(() -> await(local.read("thumbnails/1"))).isInstanceOf(MissingObject.class);
        assertThatThrownBy(() -> await(local.head("thumbnails/1", 4))).isInstanceOf(MissingObject.class);
    }

    @Test
    void aBodyLongerOrShorterThanSignedIsNotKept() throws IOException {
        LocalObjectStore local = new LocalObjectStore(directory, new byte[32], "http://chat", Clock.systemUTC());

        assertThat(local.receive("uploads/1", new ByteArrayInputStream(new byte[11]), 10)).isFalse();
        assertThat(local.receive("uploads/1", new ByteArrayInputStream(new byte[9]), 10)).isFalse();
        assertThat(await(local.size("uploads/1"))).isEmpty();
        assertThat(local.receive("uploads/1", new ByteArrayInputStream(new byte[10]), 10)).isTrue();
        assertThat(await(local.size("uploads/1"))).hasValue(10L);
        try (var left = Files.walk(directory)) {
            assertThat(left.filter(Files::isRegularFile)).containsExactly(directory.resolve("uploads/1"));
        }
    }

    @Test
    void keysStayInsideTheDirectory() {
        LocalObjectStore local = new LocalObjectStore(directory, new byte[32], "http://chat", Clock.systemUTC());
        for (String key : new String[]{"../outside", "uploads/../../outside", "/etc/passwd", ".partial/x", "a//b",
                "a\\..\\b", ""}) {
            assertThatThrownBy(() -> local.signUpload(key, "image/png", 1, TTL)).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> await(local.write(key, new byte[1], "image/png"))).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(directory.getParent().resolve("outside")).doesNotExist();
    }

    private static RequestSpecification client() {
        return given().urlEncodingEnabled(false).config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    /** The signed URL's path and query, sent to the server under test. */
    private static String relative(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }
}
