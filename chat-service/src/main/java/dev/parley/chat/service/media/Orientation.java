package dev.parley.chat.service.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

/**
 * The EXIF orientation of a JPEG (1 to 8, 1 being "as stored"), and the pixels turned accordingly: cameras store
 * pixels as the sensor saw them and say in EXIF how to show them, and that tag goes with the rest of the metadata.
 */
final class Orientation {

    static final int AS_STORED = 1;

    private Orientation() {
    }

    /** The orientation in the JPEG's EXIF; {@link #AS_STORED} when there is none or it cannot be read. */
    static int of(byte[] jpeg) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return AS_STORED;
            }
            InputStream data = exif.getFirst().data();
            // the identifier is "Exif" followed by two NULs, and the segment's data starts after the first
            data.read();
            Directory tiff = new TIFFReader().read(new MemoryCacheImageInputStream(data));
            Entry entry = tiff.getEntryById(TIFF.TAG_ORIENTATION);
            int value = entry != null && entry.getValue() instanceof Number n ? n.intValue() : AS_STORED;
            return value >= 1 && value <= 8 ? value : AS_STORED;
        } catch (IOException | RuntimeException e) {
            // broken EXIF is no reason to refuse pixels that decode: they are shown as stored
            return AS_STORED;
        }
    }

    /** The image as it should be displayed: {@code image} itself for {@link #AS_STORED}, else an opaque copy. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation == AS_STORED) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
        };
        BufferedImage turned = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, turn, null);
        } finally {
            g.dispose();
        }
        return turned;
    }
}
