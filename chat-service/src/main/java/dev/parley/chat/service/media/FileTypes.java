package dev.parley.chat.service.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import dev.parley.chat.config.StorageConfig;

/**
 * What a file really is, judged from its bytes, and whether that is acceptable. Types are compared by their base
 * ({@code type/subtype}, lower case, parameters dropped), after Tika's own aliases ({@code audio/x-m4a} is
 * {@code audio/mp4}, {@code application/x-zip-compressed} is {@code application/zip}, {@code audio/wav} is
 * {@code audio/vnd.wave}).
 *
 * <p>A declared type {@link #matches matches} the detected one when:
 * <ol>
 * <li>they are the same type;</li>
 * <li>they are two names for the same bytes: {@code image/jpeg ≈ image/jpg ≈ image/pjpeg}; {@code audio/mp4 ≈
 * audio/m4a ≈ video/mp4} (voice notes are MP4 containers); {@code audio/mpeg ≈ audio/mp3}; {@code video/webm ≈
 * audio/webm}; the Ogg family {@code application/ogg ≈ audio/ogg ≈ audio/opus ≈ audio/vorbis ≈ video/ogg}; plain text
 * {@code text/plain ≈ text/csv ≈ text/markdown};</li>
 * <li>the detected type is a container whose content Tika's magic bytes cannot see ({@code application/zip}, OOXML,
 * OLE2, the ISO media box {@code video/quicktime}, Matroska, Ogg) and the declared type is a kind of it in Tika's
 * registry: a {@code .docx} detected as {@code application/zip}, a {@code .doc} detected as OLE2, an {@code .mp4} with
 * the brand {@code isom} detected as {@code video/quicktime}.</li>
 * </ol>
 * Nothing else matches: executables ({@code MZ}, ELF) are never an image, HTML is never plain text.
 *
 * <p>Callers check {@code matches(declared, detected) && allowed(effective(declared, detected))} and store the file
 * under the {@link #effective effective} type.
 */
@ApplicationScoped
public class FileTypes {

    /** How much of a file detection needs: Tika's magic patterns look no further. */
    public static final int DETECTION_BYTES = 64 * 1024;

    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    private static final List<List<String>> SAME_BYTES = List.of(
            List.of("image/jpeg", "image/jpg", "image/pjpeg"),
            List.of("audio/mp4", "audio/m4a", "video/mp4"),
            List.of("audio/mpeg", "audio/mp3"),
            List.of("video/webm", "audio/webm"),
            List.of("application/ogg", "audio/ogg", "audio/opus", "audio/vorbis", "video/ogg"),
            List.of("text/plain", "text/csv", "text/markdown"));
    private static final Set<String> CONTAINERS = Set.of("application/zip", "application/x-tika-ooxml",
            "application/x-tika-msoffice", "video/quicktime", "application/x-matroska", "application/ogg");

    private final List<String> allowedTypes;

    @Inject
    public FileTypes(StorageConfig config) {
        this(config.allowedTypes());
    }

    /** @param allowedTypes exact types ({@code image/jpeg}) or whole families ({@code audio/*}) */
    public FileTypes(List<String> allowedTypes) {
        this.allowedTypes = allowedTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .map(t -> t.endsWith("/*") ? t : canonical(t).orElse(t)).toList();
    }

    /** The type of a file from its first bytes ({@link #DETECTION_BYTES} suffice); never null. */
    public String detect(byte[] firstBytes) {
        return TIKA.detect(firstBytes);
    }

    /** Whether files of this type are accepted. */
    public boolean allowed(String type) {
        return canonical(type).map(t -> allowedTypes.stream().anyMatch(a -> a.equals(t)
                || a.endsWith("/*") && t.startsWith(a.substring(0, a.length() - 1)))).orElse(false);
    }

    /** Whether the type a client declared is consistent with the one detected from the bytes (see the rules above). */
    public boolean matches(String declared, String detected) {
        Optional<String> d = canonical(declared);
        Optional<String> t = canonical(detected);
        return d.isPresent() && t.isPresent()
                && (d.get().equals(t.get()) || sameBytes(d.get(), t.get()) || refinement(d.get(), t.get()).isPresent());
    }

    /**
     * The type to keep for a file: the declared one where it names what a detected container holds (a {@code .docx}
     * rather than {@code application/zip}), otherwise the detected one.
     */
    public String effective(String declared, String detected) {
        String t = canonical(detected).orElse(MediaType.OCTET_STREAM.toString());
        return canonical(declared).flatMap(d -> refinement(d, t)).orElse(t);
    }

    private static Optional<String> refinement(String declared, String detected) {
        if (!CONTAINERS.contains(detected)) {
            return Optional.empty();
        }
        MediaType container = MediaType.parse(detected);
        return namesOf(declared).stream()
                .filter(n -> REGISTRY.isSpecializationOf(MediaType.parse(n), container))
                .findFirst();
    }

    private static boolean sameBytes(String declared, String detected) {
        return namesOf(declared).contains(detected);
    }

    private static List<String> namesOf(String type) {
        List<String> group = SAME_BYTES.stream().filter(g -> g.contains(type)).findFirst().orElse(List.of());
        return Stream.concat(Stream.of(type), group.stream().filter(n -> !n.equals(type))).toList();
    }

    private static Optional<String> canonical(String type) {
        if (type == null || type.isBlank()) {
            return Optional.empty();
        }
        MediaType parsed = MediaType.parse(type.trim());
        return parsed == null ? Optional.empty() : Optional.of(REGISTRY.normalize(parsed.getBaseType()).toString());
    }
}
