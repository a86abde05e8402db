package dev.parley.chat.service.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pixels to bytes with nothing else in them: ImageIO writes only what the pixels need (and JFIF's header for JPEG)
 * when given no metadata. Also the scaling and flattening that thumbnails and JPEG need.
 */
final class Encoding {

    private Encoding() {
    }

    /** A JPEG of the image at {@code quality} (0 to 1); an image with alpha, or of a layout JPEG lacks, is laid on white. */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        BufferedImage opaque = image.getColorModel().hasAlpha()
                || !writer.getOriginatingProvider().canEncodeImage(image)
                        ? onWhite(image, image.getWidth(), image.getHeight())
                        : image;
        if (!writer.getOriginatingProvider().canEncodeImage(opaque)) {
            writer.dispose();
            throw new IllegalStateException("No JPEG encoding for an image of type " + opaque.getType());
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(opaque, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG of the image, alpha kept. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG encoding for an image of type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The image scaled so its longest side is at most {@code side}, never enlarged, opaque. */
    static BufferedImage fitted(BufferedImage image, int side) {
        double scale = Math.min(1.0, (double) side / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        // one bicubic step from a much larger image skips most source pixels and aliases; halving first does not
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = onWhite(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return onWhite(current, width, height);
    }

    private static BufferedImage onWhite(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
