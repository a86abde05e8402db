package dev.parley.chat.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** GIFs made for the tests: frames written by ImageIO, extensions added by hand. */
final class TestGifs {

    private TestGifs() {
    }

    /** A GIF of two frames as ImageIO writes it. */
    static byte[] twoFrameGif(int width, int height) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(TestImages.redOverBlue(width, height), null, null), null);
            writer.writeToSequence(new IIOImage(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), null,
                    null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The GIF with extensions inserted after its global color table. */
    static byte[] withGifExtensions(byte[] gif, byte[]... extensions) {
        int flags = gif[10] & 0xFF;
        int afterTable = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 0x07) + 1) : 0);
        return TestImages.concat(TestImages.slice(gif, 0, afterTable), TestImages.concat(extensions),
                TestImages.slice(gif, afterTable, gif.length));
    }

    /** A GIF extension with the label whose data is the text, in one sub-block after {@code head}. */
    static byte[] gifExtension(int label, byte[] head, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] start = head.length == 0 ? new byte[0] : TestImages.concat(new byte[]{(byte) head.length}, head);
        return TestImages.concat(new byte[]{0x21, (byte) label}, start, new byte[]{(byte) body.length}, body,
                new byte[]{0});
    }
}
