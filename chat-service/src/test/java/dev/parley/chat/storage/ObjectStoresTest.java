package dev.parley.chat.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.chat.client.storage.LocalObjectStore;
import dev.parley.chat.client.storage.ObjectStores;

/** Which store the settings choose, and the built-in store's signing key. */
class ObjectStoresTest {

    private static final String KEY = "k".repeat(32);

    @TempDir
    Path directory;

    @Test
    void aBucketChoosesS3AndNoBucketTheBuiltInStore() {
        assertThat(new ObjectStores(settings(Optional.of("attachments"), Optional.of(KEY))).local()).isEmpty();

        Optional<LocalObjectStore> local = new ObjectStores(settings(Optional.empty(), Optional.of(KEY))).local();
        assertThat(local).isPresent();
        assertThat(local.get().directory()).isEqualTo(directory.toAbsolutePath());
        assertThat(local.get().signDownload("uploads/1", "a.png", "image/png", Duration.ofMinutes(5)))
                .startsWith("https://chat.example/v1/store/uploads/1?expires=");
    }

    @Test
    void theConfiguredSigningKeySignsTheSameOnEveryReplica() {
        SignedUrls one = SignedUrls.of(new ObjectStores(settings(Optional.empty(), Optional.of(KEY))));
        SignedUrls two = SignedUrls.of(new ObjectStores(settings(Optional.empty(), Optional.of(KEY))));
        SignedUrls made = SignedUrls.of(new ObjectStores(settings(Optional.empty(), Optional.empty())));

        assertThat(two.store().permitsUpload("uploads/1", one.expires(), one.signature(), "image/png", 10)).isTrue();
        assertThat(made.store().permitsUpload("uploads/1", one.expires(), one.signature(), "image/png", 10))
                .isFalse();
        assertThat(made.store().permitsUpload("uploads/1", made.expires(), made.signature(), "image/png", 10))
                .isTrue();
    }

    @Test
    void aShortSigningKeyIsRefused() {
        assertThatThrownBy(() -> new ObjectStores(settings(Optional.empty(), Optional.of("short"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 characters");
    }

    private TestStorageSettings settings(Optional<String> bucket, Optional<String> signingKey) {
        return new TestStorageSettings(
                new TestS3Settings(bucket, Optional.of("http://127.0.0.1:1"), "us-east-1", Optional.of("id"),
                        Optional.of("secret"), true),
                new TestStorageSettings.Local(directory.toString(), signingKey, Optional.of("https://chat.example/")));
    }

    /** The expiry and signature of an upload URL for {@code uploads/1}, 10 bytes of image/png. */
    private record SignedUrls(LocalObjectStore store, String expires, String signature) {

        static SignedUrls of(ObjectStores stores) {
            LocalObjectStore store = stores.local().orElseThrow();
            String url = store.signUpload("uploads/1", "image/png", 10, Duration.ofMinutes(1)).url();
            String query = url.substring(url.indexOf('?') + 1);
            return new SignedUrls(store, query.replaceAll(".*expires=([^&]*).*", "$1"),
                    query.replaceAll(".*signature=([^&]*).*", "$1"));
        }
    }
}
