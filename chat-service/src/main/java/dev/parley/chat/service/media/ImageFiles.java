package dev.parley.chat.service.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What chat-service does to an uploaded image before anyone else sees it: it refuses images too large to decode
 * safely (dimensions are read from the header first), turns JPEGs upright by their EXIF orientation, drops all
 * metadata (EXIF with GPS, XMP, comments, PNG text chunks) and makes a JPEG thumbnail.
 * <ul>
 * <li>JPEG: decoded and re-encoded at quality {@value #JPEG_QUALITY}, upright.</li>
 * <li>PNG: decoded and re-encoded as PNG, transparency kept; only the pixels survive.</li>
 * <li>GIF: not re-encoded, so animations survive; comment and application extensions other than looping are
 * removed block by block (GIF has no EXIF), and the first frame makes the thumbnail.</li>
 * </ul>
 * Other image types are not processed ({@link #isImage} is false): the JDK has no WebP or HEIC decoder, so such files
 * cannot be cleaned or thumbnailed here.
 */
@ApplicationScoped
public class ImageFiles {

    /** The most pixels an image may have (50 megapixels); decoded, that is already 200 MB of memory. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** The longest side of a thumbnail, in pixels. */
    public static final int THUMBNAIL_SIDE = 320;
    static final float JPEG_QUALITY = 0.9f;
    static final float THUMBNAIL_QUALITY = 0.8f;

    private static final String JPEG = "image/jpeg";
    private static final String PNG = "image/png";
    private static final String GIF = "image/gif";
    private static final Set<String> PROCESSED = Set.of(JPEG, PNG, GIF);

    /** Whether images of this type (as detected from their bytes) are processed by {@link #process}. */
    public boolean isImage(String type) {
        return type != null && PROCESSED.contains(baseType(type));
    }

    /**
     * The image cleaned, upright, measured and thumbnailed.
     *
     * @param original the uploaded bytes
     * @param type the type detected from them; one for which {@link #isImage} holds
     * @throws UnreadableImage if the bytes are not a decodable image of that type, or one over {@link #MAX_PIXELS}
     */
    public ProcessedImage process(byte[] original, String type) {
        String base = type == null ? "" : baseType(type);
        return switch (base) {
            case JPEG -> {
                BufferedImage upright = Orientation.apply(decode(original, JPEG), Orientation.of(original));
                yield processed(Encoding.jpeg(upright, JPEG_QUALITY), JPEG, upright, upright);
            }
            case PNG -> {
                BufferedImage image = decode(original, PNG);
                yield processed(Encoding.png(image), PNG, image, image);
            }
            case GIF -> {
                GifCleaner.Gif gif = GifCleaner.clean(original, MAX_PIXELS);
                BufferedImage firstFrame = decode(gif.bytes(), GIF);
                yield new ProcessedImage(gif.bytes(), GIF, gif.width(), gif.height(), thumbnail(firstFrame));
            }
            default -> throw new IllegalArgumentException("Images of type " + type + " are not processed");
        };
    }

    private static ProcessedImage processed(byte[] cleaned, String type, BufferedImage shown, BufferedImage source) {
        return new ProcessedImage(cleaned, type, shown.getWidth(), shown.getHeight(), thumbnail(source));
    }

    private static byte[] thumbnail(BufferedImage image) {
        return Encoding.jpeg(Encoding.fitted(image, THUMBNAIL_SIDE), THUMBNAIL_QUALITY);
    }

    /** The first image in the bytes, decoded only once its header shows it within {@link #MAX_PIXELS}. */
    private static BufferedImage decode(byte[] bytes, String type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No image reader for " + type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS) {
                throw new UnreadableImage("The image has more than " + MAX_PIXELS + " pixels");
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImage unreadable) {
                throw unreadable;
            }
            // decoders report damaged data with runtime exceptions as often as with IOException
            throw new UnreadableImage("The image cannot be read as " + type);
        } finally {
            reader.dispose();
        }
    }

    private static String baseType(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
