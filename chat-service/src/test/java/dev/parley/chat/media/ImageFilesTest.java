package dev.parley.chat.media;

import static dev.parley.chat.media.TestImages.contains;
import static dev.parley.chat.media.TestImages.decode;
import static dev.parley.chat.media.TestImages.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;

import dev.parley.chat.service.media.ImageFiles;
import dev.parley.chat.service.media.ProcessedImage;
import dev.parley.chat.service.media.UnreadableImage;

class ImageFilesTest {

    private final ImageFiles images = new ImageFiles();

    @Test
    void aJpegLosesItsExifGpsCommentAndXmpAndIsTurnedUpright() throws Exception {
        byte[] original = TestImages.withCommentAndXmp(
                TestImages.withExif(encode(TestImages.redOverBlue(800, 600), "jpg"), 6),
                "shot at home", "<x:xmpmeta>Berlin</x:xmpmeta>");
        assertThat(contains(original, "Exif\0\0")).isTrue();
        assertThat(TestImages.gps(original).getLatitudeAsDegreesNorth()).isCloseTo(52.52, offset(0.001));

        ProcessedImage processed = images.process(original, "image/jpeg");

        assertThat(processed.cleanedType()).isEqualTo("image/jpeg");
        assertThat(contains(processed.cleaned(), "Exif\0\0")).isFalse();
        assertThat(contains(processed.cleaned(), "shot at home")).isFalse();
        assertThat(contains(processed.cleaned(), "xmpmeta")).isFalse();
        assertThat(TestImages.gps(processed.cleaned())).isNull();
        assertThat(processed.width()).isEqualTo(600);
        assertThat(processed.height()).isEqualTo(800);
        BufferedImage upright = decode(processed.cleaned());
        assertThat(upright.getWidth()).isEqualTo(600);
        assertThat(upright.getHeight()).isEqualTo(800);
        // orientation 6 turns the picture a quarter clockwise: its top (red) ends up on the right
        assertThat(dominant(upright.getRGB(550, 400))).isEqualTo(Color.RED);
        assertThat(dominant(upright.getRGB(50, 400))).isEqualTo(Color.BLUE);

        BufferedImage thumbnail = decode(processed.thumbnail());
        assertThat(formatOf(processed.thumbnail())).isEqualTo("JPEG");
        assertThat(thumbnail.getWidth()).isEqualTo(240);
        assertThat(thumbnail.getHeight()).isEqualTo(320);
        assertThat(dominant(thumbnail.getRGB(230, 160))).isEqualTo(Color.RED);
    }

    @Test
    void aPngLosesItsTextChunkAndKeepsItsSize() {
        byte[] original = TestImages.withText(encode(TestImages.redOverBlue(200, 100), "png"), "Location",
                "52.52 13.405");
        assertThat(contains(original, "tEXt")).isTrue();
        assertThat(decode(original).getWidth()).isEqualTo(200);

        ProcessedImage processed = images.process(original, "image/png");

        assertThat(processed.cleanedType()).isEqualTo("image/png");
        assertThat(formatOf(processed.cleaned())).isEqualToIgnoringCase("png");
        assertThat(contains(processed.cleaned(), "tEXt")).isFalse();
        assertThat(contains(processed.cleaned(), "52.52")).isFalse();
        assertThat(processed.width()).isEqualTo(200);
        assertThat(processed.height()).isEqualTo(100);
        BufferedImage thumbnail = decode(processed.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(200);
        assertThat(thumbnail.getHeight()).isEqualTo(100);
    }

    @Test
    void aSmallImageIsNeverEnlargedForItsThumbnail() {
        ProcessedImage processed = images.process(encode(TestImages.redOverBlue(100, 50), "jpg"), "image/jpeg");

        assertThat(processed.width()).isEqualTo(100);
        assertThat(processed.height()).isEqualTo(50);
        BufferedImage thumbnail = decode(processed.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(100);
        assertThat(thumbnail.getHeight()).isEqualTo(50);
    }

    @Test
    void aTransparentPngKeepsItsAlphaAndGetsAJpegThumbnailOnWhite() {
        BufferedImage argb = new BufferedImage(1000, 500, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 500; x++) {
            for (int y = 0; y < 500; y++) {
                argb.setRGB(x, y, 0xFF00FF00);
            }
        }

        ProcessedImage processed = images.process(encode(argb, "png"), "image/png");

        BufferedImage cleaned = decode(processed.cleaned());
        assertThat(cleaned.getColorModel().hasAlpha()).isTrue();
        assertThat(cleaned.getRGB(900, 100) >>> 24).isZero();
        assertThat(formatOf(processed.thumbnail())).isEqualTo("JPEG");
        BufferedImage thumbnail = decode(processed.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
        assertThat(dominant(thumbnail.getRGB(80, 80))).isEqualTo(Color.GREEN);
        assertThat(thumbnail.getRGB(300, 80) & 0xFFFFFF).isGreaterThan(0xF0F0F0);
    }

    @Test
    void imagesOverFiftyMegapixelsAreRefusedFromTheirHeader() {
        assertThatThrownBy(() -> images.process(TestImages.pngHeaderOnly(10_000, 6_000), "image/png"))
                .isInstanceOf(UnreadableImage.class).hasMessageContaining("more than 50000000 pixels");
        byte[] hugeJpeg = TestImages.withFrameSize(encode(TestImages.redOverBlue(64, 64), "jpg"), 10_000, 6_000);
        assertThatThrownBy(() -> images.process(hugeJpeg, "image/jpeg"))
                .isInstanceOf(UnreadableImage.class).hasMessageContaining("more than 50000000 pixels");
        byte[] hugeGif = encode(TestImages.redOverBlue(64, 64), "gif");
        hugeGif[6] = hugeGif[7] = hugeGif[8] = hugeGif[9] = (byte) 0xFF;
        assertThatThrownBy(() -> images.process(hugeGif, "image/gif"))
                .isInstanceOf(UnreadableImage.class).hasMessageContaining("more than 50000000 pixels");
        // within the limit, the header passes and the missing pixel data is what fails
        assertThatThrownBy(() -> images.process(TestImages.pngHeaderOnly(1_000, 1_000), "image/png"))
                .isInstanceOf(UnreadableImage.class).hasMessage("The image cannot be read as image/png");
    }

    @Test
    void bytesThatAreNotTheImageTheyClaimAreRefused() {
        byte[] garbage = "MZ this is no picture at all".getBytes(StandardCharsets.US_ASCII);
        for (String type : new String[]{"image/png", "image/jpeg", "image/gif"}) {
            assertThatThrownBy(() -> images.process(garbage, type)).isInstanceOf(UnreadableImage.class);
        }
        byte[] truncated = Arrays.copyOf(encode(TestImages.redOverBlue(300, 300), "png"), 200);
        assertThatThrownBy(() -> images.process(truncated, "image/png")).isInstanceOf(UnreadableImage.class);
        byte[] jpegCalledPng = encode(TestImages.redOverBlue(30, 30), "jpg");
        assertThatThrownBy(() -> images.process(jpegCalledPng, "image/png")).isInstanceOf(UnreadableImage.class);
    }

    @Test
    void anAnimatedGifKeepsItsFramesAndLoopButNotItsCommentOrXmp() throws Exception {
        byte[] loop = TestGifs.gifExtension(0xFF, "NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII), "\1\0\0");
        byte[] xmp = TestGifs.gifExtension(0xFF, "XMP DataXMP".getBytes(StandardCharsets.US_ASCII),
                "<x:xmpmeta>Berlin</x:xmpmeta>");
        byte[] comment = TestGifs.gifExtension(0xFE, new byte[0], "made at home");
        byte[] original = TestGifs.withGifExtensions(TestGifs.twoFrameGif(400, 200), loop, comment, xmp);
        assertThat(frames(original)).isEqualTo(2);

        ProcessedImage processed = images.process(original, "image/gif");

        assertThat(processed.cleanedType()).isEqualTo("image/gif");
        assertThat(contains(processed.cleaned(), "NETSCAPE2.0")).isTrue();
        assertThat(contains(processed.cleaned(), "made at home")).isFalse();
        assertThat(contains(processed.cleaned(), "xmpmeta")).isFalse();
        assertThat(frames(processed.cleaned())).isEqualTo(2);
        assertThat(processed.cleaned().length).isEqualTo(original.length - comment.length - xmp.length);
        assertThat(processed.width()).isEqualTo(400);
        assertThat(processed.height()).isEqualTo(200);
        BufferedImage thumbnail = decode(processed.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
        assertThat(dominant(thumbnail.getRGB(160, 20))).isEqualTo(Color.RED);
    }

    @Test
    void onlyJpegPngAndGifAreProcessed() {
        assertThat(images.isImage("image/jpeg")).isTrue();
        assertThat(images.isImage("IMAGE/PNG; x=y")).isTrue();
        assertThat(images.isImage("image/gif")).isTrue();
        assertThat(images.isImage("image/webp")).isFalse();
        assertThat(images.isImage("image/heic")).isFalse();
        assertThat(images.isImage("image/svg+xml")).isFalse();
        assertThat(images.isImage(null)).isFalse();
        assertThatThrownBy(() -> images.process(new byte[10], "image/webp"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Color dominant(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return r > 200 && g < 60 && b < 60
                ? Color.RED
                : b > 200 && r < 60 && g < 60
                        ? Color.BLUE
                        : g > 200 && r < 60 && b < 60 ? Color.GREEN : new Color(rgb);
    }

    private static String formatOf(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            return ImageIO.getImageReaders(in).next().getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int frames(byte[] gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }
}
