package dev.parley.chat.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Images made for the tests: drawn with ImageIO, given metadata with commons-imaging or by hand. */
final class TestImages {

    private TestImages() {
    }

    /** An opaque image, its top half red and its bottom half blue. */
    static BufferedImage redOverBlue(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width, height / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, height / 2, width, height - height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for the image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not decodable");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with EXIF giving a GPS position (Berlin) and the orientation. */
    static byte[] withExif(byte[] jpeg, int orientation) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.setGpsInDegrees(13.405, 52.52);
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
        return out.toByteArray();
    }

    /** The GPS position commons-imaging finds in a JPEG, or null. */
    static TiffImageMetadata.GpsInfo gps(byte[] jpeg) throws Exception {
        ImageMetadata metadata = Imaging.getMetadata(jpeg);
        if (!(metadata instanceof JpegImageMetadata j) || j.getExif() == null) {
            return null;
        }
        return j.getExif().getGpsInfo();
    }

    /** The JPEG with a comment segment and an XMP segment right after its start marker. */
    static byte[] withCommentAndXmp(byte[] jpeg, String comment, String xmp) {
        byte[] com = segment(0xFE, comment.getBytes(StandardCharsets.UTF_8));
        byte[] app1 = segment(0xE1, ("http://ns.adobe.com/xap/1.0/\0" + xmp).getBytes(StandardCharsets.UTF_8));
        return concat(slice(jpeg, 0, 2), com, app1, slice(jpeg, 2, jpeg.length));
    }

    /** The PNG with a tEXt chunk right after its header chunk. */
    static byte[] withText(byte[] png, String keyword, String text) {
        byte[] chunk = pngChunk("tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        int afterHeader = 8 + 25;
        return concat(slice(png, 0, afterHeader), chunk, slice(png, afterHeader, png.length));
    }

    /** A PNG that announces {@code width} x {@code height} RGB pixels and holds none. */
    static byte[] pngHeaderOnly(int width, int height) {
        byte[] header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        return concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, pngChunk("IHDR", header),
                pngChunk("IEND", new byte[0]));
    }

    /** The JPEG with the size in its start-of-frame segment changed. */
    static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i < out.length - 9; i++) {
            if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) >= 0xC0 && (out[i + 1] & 0xFF) <= 0xC2) {
                ByteBuffer.wrap(out, i + 5, 4).putShort((short) height).putShort((short) width);
                return out;
            }
        }
        throw new IllegalStateException("no start-of-frame segment");
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static byte[] segment(int marker, byte[] data) {
        return concat(new byte[]{(byte) 0xFF, (byte) marker}, ByteBuffer.allocate(2).putShort((short) (data.length + 2))
                .array(), data);
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeAndData = concat(type.getBytes(StandardCharsets.US_ASCII), data);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        return concat(ByteBuffer.allocate(4).putInt(data.length).array(), typeAndData,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
