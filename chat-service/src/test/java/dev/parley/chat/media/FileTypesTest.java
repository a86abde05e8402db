package dev.parley.chat.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

import dev.parley.chat.config.StorageConfig;
import dev.parley.chat.service.media.FileTypes;

class FileTypesTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private final FileTypes types = new FileTypes(defaultAllowedTypes());

    @Test
    void theTypeComesFromTheBytes() {
        assertThat(types.detect(TestImages.encode(TestImages.redOverBlue(10, 10), "jpg"))).isEqualTo("image/jpeg");
        assertThat(types.detect(TestImages.encode(TestImages.redOverBlue(10, 10), "png"))).isEqualTo("image/png");
        assertThat(types.detect(TestImages.encode(TestImages.redOverBlue(10, 10), "gif"))).isEqualTo("image/gif");
        assertThat(types.detect(latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"))).isEqualTo("application/pdf");
        assertThat(types.detect(latin1("\0\0\0\u0018ftypmp42\0\0\0\0mp42isom"))).isEqualTo("video/mp4");
        assertThat(types.detect(latin1("\0\0\0\u0018ftypM4A \0\0\2\0M4A mp42isom"))).isEqualTo("audio/mp4");
        assertThat(types.detect(latin1("OggS\0\2\0\0\0\0\0\0\0\0\1\2\3\4\0\0\0\0"))).isEqualTo("application/ogg");
        assertThat(types.detect(latin1("Meet at noon.\nBring the keys.\n"))).isEqualTo("text/plain");
        assertThat(types.detect(latin1("<html><body><script>alert(1)</script></body></html>")))
                .isEqualTo("text/html");
        assertThat(types.detect(new byte[0])).isEqualTo("application/octet-stream");
    }

    @Test
    void executablesAreNeitherImagesNorAllowed() {
        String windows = types.detect(latin1("MZ\u0090\0\3\0\0\0\4\0\0\0\u00ff\u00ff\0\0\u00b8\0\0\0"));
        String linux = types.detect(latin1("\u007fELF\2\1\1\0\0\0\0\0\0\0\0\0\2\0>\0\1\0\0\0"));
        for (String executable : List.of(windows, linux)) {
            assertThat(executable).doesNotStartWith("image/");
            assertThat(types.allowed(executable)).isFalse();
            assertThat(types.matches("image/png", executable)).isFalse();
            assertThat(types.matches("application/octet-stream", executable)).isFalse();
        }
    }

    @Test
    void aDeclaredTypeMatchesTheSameTypeWhateverItsCaseAndParameters() {
        assertThat(types.matches("IMAGE/PNG", "image/png")).isTrue();
        assertThat(types.matches("text/plain; charset=UTF-8", "text/plain")).isTrue();
        assertThat(types.matches("image/png", "image/jpeg")).isFalse();
        assertThat(types.matches(null, "image/png")).isFalse();
        assertThat(types.matches(" ", "image/png")).isFalse();
        assertThat(types.matches("not a type", "image/png")).isFalse();
    }

    @Test
    void namesForTheSameBytesMatch() {
        assertThat(types.matches("image/jpg", "image/jpeg")).isTrue();
        assertThat(types.matches("image/pjpeg", "image/jpeg")).isTrue();
        for (String voiceNote : List.of("audio/mp4", "audio/m4a", "audio/x-m4a", "video/mp4")) {
            assertThat(types.matches(voiceNote, "audio/mp4")).as(voiceNote).isTrue();
            assertThat(types.matches(voiceNote, "video/mp4")).as(voiceNote).isTrue();
        }
        assertThat(types.matches("application/x-zip-compressed", "application/zip")).isTrue();
        assertThat(types.matches("audio/ogg", "application/ogg")).isTrue();
        assertThat(types.matches("audio/mp3", "audio/mpeg")).isTrue();
        assertThat(types.matches("audio/wav", "audio/vnd.wave")).isTrue();
        assertThat(types.matches("text/csv", "text/plain")).isTrue();
        assertThat(types.matches("text/plain", "text/plain")).isTrue();
    }

    @Test
    void aContainerMatchesWhatItMayHoldAndKeepsTheDeclaredName() {
        for (String office : List.of(DOCX, XLSX, PPTX)) {
            assertThat(types.matches(office, "application/zip")).as(office).isTrue();
            assertThat(types.matches(office, "application/x-tika-ooxml")).as(office).isTrue();
            assertThat(types.effective(office, "application/zip")).isEqualTo(office);
            assertThat(types.allowed(types.effective(office, "application/x-tika-ooxml"))).isTrue();
        }
        assertThat(types.matches("application/msword", "application/x-tika-msoffice")).isTrue();
        assertThat(types.allowed(types.effective("application/msword", "application/x-tika-msoffice"))).isTrue();
        assertThat(types.allowed("application/x-tika-msoffice")).isFalse();
        assertThat(types.matches("video/mp4", "video/quicktime")).isTrue();
        assertThat(types.effective("audio/m4a", "video/quicktime")).isEqualTo("audio/mp4");
        assertThat(types.matches("audio/webm", "application/x-matroska")).isTrue();
        assertThat(types.effective("audio/ogg; codecs=opus", "application/ogg")).isEqualTo("audio/ogg");
        assertThat(types.effective("image/png", "application/zip")).isEqualTo("application/zip");
        assertThat(types.effective("image/jpg", "image/jpeg")).isEqualTo("image/jpeg");
    }

    @Test
    void nothingElseMatches() {
        assertThat(types.matches(DOCX, "application/pdf")).isFalse();
        assertThat(types.matches("image/png", "application/zip")).isFalse();
        assertThat(types.matches("application/zip", DOCX)).isFalse();
        assertThat(types.matches("text/plain", "text/html")).isFalse();
        assertThat(types.matches("text/html", "text/plain")).isFalse();
        assertThat(types.matches("image/svg+xml", "text/plain")).isFalse();
        assertThat(types.matches("audio/mp4", "audio/mpeg")).isFalse();
        assertThat(types.matches("image/png", "application/octet-stream")).isFalse();
    }

    @Test
    void allowedTypesTakeExactTypesAliasesAndWholeFamilies() {
        FileTypes some = new FileTypes(List.of("image/jpeg", "audio/*", " Application/Zip "));
        assertThat(some.allowed("image/jpeg")).isTrue();
        assertThat(some.allowed("image/png")).isFalse();
        assertThat(some.allowed("audio/ogg")).isTrue();
        assertThat(some.allowed("audio/mp4; codecs=mp4a.40.2")).isTrue();
        assertThat(some.allowed("video/mp4")).isFalse();
        assertThat(some.allowed("audiobook/x")).isFalse();
        assertThat(some.allowed("application/x-zip-compressed")).isTrue();
        assertThat(some.allowed(null)).isFalse();
        assertThat(types.allowed("image/webp")).isTrue();
        assertThat(types.allowed("text/html")).isFalse();
        assertThat(types.allowed("image/svg+xml")).isFalse();
    }

    private static List<String> defaultAllowedTypes() {
        try {
            String value = StorageConfig.class.getMethod("allowedTypes").getAnnotation(WithDefault.class).value();
            return Arrays.asList(value.split(","));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
